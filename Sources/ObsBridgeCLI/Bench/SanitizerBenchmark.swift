import ObsCollector

/// What `obsbridge bench` reports of the sanitizer: its throughput on log text and its cost for one
/// ordinary message. Figures only: no target is checked here, and no test asserts them.
enum SanitizerBenchmark {
    /// Megabytes (10^6 bytes) of log text sanitized per second, one line per message, as the collector
    /// sanitizes error messages: mostly ordinary lines, one in twenty with a secret or personal data.
    static func megabytesPerSecond(quick: Bool) -> Double {
        let lines = logText(lines: quick ? 500 : 20_000)
        let bytes = lines.reduce(0) { $0 + $1.utf8.count }
        var kept = 0
        let start = UnixTime.monotonicNanoseconds()
        for line in lines { kept &+= Sanitizer.standard.sanitize(line).text.utf8.count }
        let elapsed = UnixTime.monotonicNanoseconds() - start
        blackHole(kept)
        return Double(bytes) / 1e6 / (Double(max(1, elapsed)) / 1e9)
    }

    /// Nanoseconds to sanitize one 200-byte message that holds no secret.
    static func nanosecondsPerMessage(quick: Bool) -> Double {
        let iterations = quick ? 2_000 : 200_000
        var kept = 0
        let start = UnixTime.monotonicNanoseconds()
        for _ in 0..<iterations { kept &+= Sanitizer.standard.sanitize(plainMessage).text.utf8.count }
        let elapsed = UnixTime.monotonicNanoseconds() - start
        blackHole(kept)
        return Double(elapsed) / Double(iterations)
    }

    /// A 200-byte error message with numbers, a path, a port and an id, but no secret.
    static let plainMessage: String = {
        let text =
            "upstream request 4211 failed after 3 retries: connection reset by peer while reading the response "
            + "body from storage node 7 (shard 12, port 8443, /var/lib/app/segments/000123.log); retry in 250 ms"
        return String(text.prefix(200)).padding(toLength: 200, withPad: ".", startingAt: 0)
    }()

    /// Deterministic log lines: timestamps, levels, ids, hashes, addresses, paths, and now and then a
    /// secret (a password, a bearer token, an e-mail address, a GitHub token, a card number).
    static func logText(lines count: Int) -> [String] {
        var random = SplitMix64(seed: 0x5A17_2026)
        func hex(_ digits: Int) -> String {
            var text = ""
            while text.count < digits { text += String(random.next(), radix: 16) }
            return String(text.prefix(digits))
        }
        func number(_ below: UInt64) -> UInt64 { random.next() % below }
        let secrets = [
            "login failed for alice@example.com: password=hunter2",
            "Authorization: Bearer 0123456789abcdefXYZ rejected",
            "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 revoked",
            "charge declined for card 4111 1111 1111 1111",
            "connect postgres://app:s3cr3t@db.internal:5432/orders failed",
        ]
        return (0..<count).map { index in
            let time = "2026-11-30T10:\(10 + number(50)):\(10 + number(50)).\(100 + number(900))Z"
            switch number(6) {
            case 0:
                return "\(time) INFO  worker-\(number(8)) request \(hex(8))-\(hex(4))-\(hex(4))-\(hex(4))-\(hex(12)) "
                    + "completed in \(number(900)).\(number(10)) ms status=200 bytes=\(number(100_000))"
            case 1:
                return "\(time) ERROR db: connection to 10.0.\(number(250)).\(number(250)):5432 failed: timeout after "
                    + "30s (attempt \(number(5))/5)"
            case 2:
                return "\(time) INFO  uploaded /var/lib/app/shards/0\(number(9))/segment-\(number(999_999)).log "
                    + "(\(number(1 << 30)) bytes) sha256=\(hex(64))"
            case 3:
                return
                    "\(time) DEBUG trace_id=\(hex(32)) span_id=\(hex(16)) op=image.resize duration_ns=\(number(1 << 24))"
            case 4:
                return
                    "\(time) WARN  cache miss for key user:\(number(10_000)):profile, fetching from origin v1.2.\(number(20))"
            default:
                return index % 20 == 5
                    ? "\(time) ERROR \(secrets[Int(number(UInt64(secrets.count)))])"
                    : "\(time) ERROR payment-service: upstream returned 503 Service Unavailable after \(number(9000)) ms"
            }
        }
    }

    @inline(never)
    private static func blackHole(_ value: Int) {
        if value == 42 { print("", terminator: "") }
    }
}

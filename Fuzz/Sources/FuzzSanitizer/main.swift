import CLibFuzzer
import ObsCollector

#if canImport(Glibc)
import Glibc
#endif

/// Secrets of every kind the standard rules know, with a part that must never survive. (No IPv4 address:
/// after a word such as `version` a dotted quad is deliberately kept.)
let secrets: [(text: String, core: String)] = [
    ("password=Tr0ub4dor&3", "Tr0ub4dor"), ("AKIAIOSFODNN7EXAMPLE", "IOSFODNN7EXAMPLE"),
    ("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "aBcDeFgHiJkLmNoP"),
    ("glpat-AbCdEfGhIjKlMnOpQrSt12", "AbCdEfGhIjKlMnOp"), ("npm_abcdefghijklmnopqrstuvwxyz0123456789", "klmnopqrstuv"),
    ("sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH-ijklmnAA", "qrstuvwxyz0123"),
    ("dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "89abcdef0123456789ab"),
    ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N", "dozjgNryP4J3"),
    ("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END PRIVATE KEY-----", "MIIEvQIBADANBgkq"),
    ("AGE-SECRET-KEY-1QQPZRY9X8GF2TVDW0S3JN54KHCE6MUA7LQQPZRY9X8GF2TVDW0S3JN54KH", "9X8GF2TVDW0S3JN5"),
    ("https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefGHIJKL0123456789", "abcdefGHIJKL0123"),
    ("postgres://admin:s3cr3tpw@db.internal:5432/app", "s3cr3tpw"), ("carol.jones@example.org", "carol.jones"),
    ("4111-1111-1111-1111", "4111-1111-1111"), ("DE89 3704 0044 0532 0130 00", "3704 0044 0532"),
    ("2001:db8:0:0:1:0:0:1", "2001:db8:0:0:1"), ("/home/mallory/x", "mallory"),
    ("Authorization: Bearer s3cr3tT0k3nValue0123", "s3cr3tT0k3nValue"), ("00:1a:2b:3c:4d:5e", "2b:3c:4d"),
]

/// Input: the first byte picks a length limit, the second a secret and whether to splice it in, the rest
/// is the message (any bytes, lossily decoded).
/// Checks: the result is bounded (maxLength characters), holds no character a terminal could interpret
/// other than newline and tab, and a message cut by the window or the limit says so; neutralizing is total
/// and idempotent; and a known secret spliced into any message, between spaces, does not survive.
func fuzzSanitizer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    guard bytes.count >= 2 else { return 0 }
    let first = bytes[0]
    let pick = bytes[1]
    var text = String(decoding: bytes.dropFirst(2), as: UTF8.self)
    let limit = first < 0x80 ? 1024 : Int(first) - 0x80 + 1
    let sanitizer = limit == 1024 ? Sanitizer.standard : Sanitizer(maxLength: limit)
    var spliced: String?
    if pick & 0x80 != 0, text.utf8.count < 4096 {
        let secret = secrets[Int(pick & 0x7F) % secrets.count]
        if !text.contains(secret.core) {
            let scalars = text.unicodeScalars
            let middle = scalars.index(scalars.startIndex, offsetBy: scalars.count / 2)
            text = String(scalars[..<middle]) + " " + secret.text + " " + String(scalars[middle...])
            spliced = secret.core
        }
    }
    let result = sanitizer.sanitize(text)
    guard result.text.count <= sanitizer.maxLength else {
        fatalError("result of \(result.text.count) characters exceeds \(sanitizer.maxLength)")
    }
    if let bad = result.text.unicodeScalars.first(where: { TerminalText.needsEscape($0) && $0 != "\n" && $0 != "\t" }) {
        fatalError("control character U+\(String(bad.value, radix: 16)) survived sanitizing")
    }
    if text.utf8.count > Sanitizer.inputWindowBytes, !result.truncated {
        fatalError("a message longer than the window was not marked truncated")
    }
    if let core = spliced, result.text.contains(core) {
        fatalError("spliced secret survived: \(core.debugDescription) in \(result.text.debugDescription)")
    }
    let once = TerminalText.neutralize(text)
    if once.unicodeScalars.contains(where: TerminalText.needsEscape) || TerminalText.neutralize(once) != once {
        fatalError("neutralize is not total or not idempotent")
    }
    return 0
}

// libFuzzer's driver: runs the inputs or corpus directories given on the command line, or fuzzes.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
        fuzzSanitizer(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
    })

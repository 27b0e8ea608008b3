import Foundation
import ObsCollector
import ObsTestKit
import ObsTestSupport
import Testing

/// The exported quantiles against the exact ones: the classic buckets' bound, the last-minute
/// window and its summary, and the OTLP exponential histogram.
@Suite("Quantile exports")
struct QuantileExportTests {
    /// Prometheus' `histogram_quantile` over classic buckets (promql's `bucketQuantile`): the rank
    /// `q × count`, the first bucket whose cumulative count reaches it, linear interpolation inside
    /// it from 0 for the first bucket; a rank in the `+Inf` bucket reads the last finite bound.
    static func histogramQuantile(_ q: Double, bounds: [Double], cumulative: [UInt64], total: UInt64) -> Double {
        let rank = q * Double(total)
        guard let bucket = cumulative.firstIndex(where: { Double($0) >= rank }) else { return bounds[bounds.count - 1] }
        let start = bucket == 0 ? 0 : bounds[bucket - 1]
        let below = bucket == 0 ? 0 : Double(cumulative[bucket - 1])
        let inside = Double(cumulative[bucket]) - below
        return start + (bounds[bucket] - start) * (rank - below) / inside
    }

    /// The exact nearest-rank quantile of sorted values.
    static func exact(_ q: Double, _ sorted: [UInt64]) -> UInt64 {
        sorted[Int(LatencyHistogram.rank(of: q, count: UInt64(sorted.count))) - 1]
    }

    @Test("the classic buckets: 39 exact edges from 10 ns to 58 µs plus +Inf, each step within 25 %")
    func bucketLayout() throws {
        let bounds = PrometheusBuckets.bounds.map(\.nanoseconds)
        #expect(bounds.count == 39 && bounds.count + 1 <= 40)
        #expect(bounds.first == 10 && bounds.last == 58_111)
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 })
        for bound in bounds {
            #expect(LatencyHistogram.bucketBounds(containing: bound)?.upperBound == bound, "\(bound) is no edge")
        }
        for bound in PrometheusBuckets.bounds {
            let seconds = try #require(Double(bound.label))
            #expect((seconds * 1e9).rounded() == Double(bound.nanoseconds), "le \(bound.label)")
        }
        #expect(PrometheusBuckets.interpolationErrorBound <= 0.25)
        #expect(PrometheusBuckets.interpolationErrorBound > 0.24)  // the layout uses its budget
    }

    @Test("histogram_quantile over the exported buckets stays within the stated bound, and the bound is reached")
    func interpolationBound() throws {
        let bounds = PrometheusBuckets.bounds.map(\.nanoseconds)
        let bound = PrometheusBuckets.interpolationErrorBound
        var random = SplitMix64(seed: 18)
        var worst = 0.0
        for round in 0..<40 {
            var values: [UInt64] = []
            for _ in 0..<(200 + round * 50) {
                switch round % 3 {
                case 0:  // log-uniform over the layout's range
                    let exponent = log(11.0) + Double(random.next() % 1_000_000) / 1e6 * (log(58_111.0) - log(11.0))
                    values.append(UInt64(exp(exponent)))
                case 1:  // piled just above a bound: the worst case for interpolation
                    values.append(bounds[Int(random.next() % UInt64(bounds.count - 1))] + 1)
                default:  // a few tight modes
                    values.append([40, 120, 530, 9_000][Int(random.next() % 4)] + random.next() % 3)
                }
            }
            var histogram = LatencyHistogram()
            for value in values { histogram.record(value) }
            let cumulative = bounds.map { histogram.count(atOrBelow: $0) } + [histogram.count]
            let sorted = values.sorted()
            for q in [0.01, 0.1, 0.5, 0.75, 0.9, 0.99, 0.999, 1] {
                let exact = Double(Self.exact(q, sorted))
                let estimate = Self.histogramQuantile(
                    q, bounds: bounds.map { Double($0) } + [.infinity], cumulative: cumulative, total: histogram.count)
                let error = abs(estimate - exact) / exact
                #expect(
                    error <= bound + 1e-12,
                    "round \(round) q \(q): \(estimate) for \(exact), cumulative \(cumulative), \(histogram.count)")
                worst = max(worst, error)
            }
        }
        #expect(worst > 0.15, "the test never came near the bound (worst \(worst))")
    }

    @Test("the last-minute window keeps six 10-second intervals, with exact max and histogram precision")
    func recentWindow() throws {
        var stats = OperationStats(id: 1, name: "op")
        stats.advanceWindow(to: 100)
        for _ in 0..<1000 { stats.record(durationNanoseconds: 1_000_000, failed: false) }
        stats.advanceWindow(to: 101)
        var random = SplitMix64(seed: 7)
        var recent: [UInt64] = []
        for _ in 0..<5000 {
            let value = 50 + random.next() % 5000
            recent.append(value)
            stats.record(durationNanoseconds: value, failed: false)
        }
        let both = try #require(OperationSnapshot(stats, interval: 105).recent)
        #expect(both.count == 6000 && both.maxNs == 1_000_000 && both.windowSeconds == 60)

        stats.advanceWindow(to: 106)  // interval 100 left the window
        let later = try #require(OperationSnapshot(stats, interval: 106).recent)
        let sorted = recent.sorted()
        #expect(later.count == 5000 && later.maxNs == sorted.last)
        for (q, value) in [(0.5, later.p50Ns), (0.9, later.p90Ns), (0.99, later.p99Ns), (0.999, later.p999Ns)] {
            let exact = Double(Self.exact(q, sorted))
            #expect(abs(Double(value) - exact) / exact <= LatencyHistogram.relativeErrorBound, "q \(q)")
        }
        #expect(stats.histogram.count == 6000, "the cumulative histogram keeps everything")
        var busy = OperationSnapshot(stats, interval: 106)
        busy.name = "busy"

        stats.advanceWindow(to: 200)
        let idle = OperationSnapshot(stats, interval: 200)
        #expect(idle.recent?.count == 0 && idle.calls == 6000)
        #expect(stats.window.memoryBytes < LatencyHistogram.memoryFootprint / 2, "the window keeps no dense copy")

        var snapshot = sampleSnapshot().0
        snapshot.operations = [idle, busy]
        let text = PrometheusText.render(snapshot)
        #expect(text.contains("# TYPE obsbridge_recent_call_duration_seconds summary"))
        #expect(text.contains("obsbridge_recent_call_duration_seconds{operation=\"op\",quantile=\"0.99\"} NaN"))
        #expect(text.contains("obsbridge_recent_call_duration_seconds{operation=\"busy\",quantile=\"1\"} 0.00000"))
        let check = try CommandRunner.run("promtool", ["check", "metrics"], input: text)
        #expect(check.status == 0 && !check.standardError.contains("lint"), "\(check.standardError)")
    }

    @Test("a collector's snapshot carries the last minute's quantiles")
    func collectorWindow() throws {
        let (snapshot, _, _) = sampleSnapshot()
        let get = try #require(snapshot.operations.first { $0.name == "kv.get" })
        let recent = try #require(get.recent)
        #expect(recent.count == 500 && recent.p50Ns == get.p50Ns && recent.maxNs == get.maxNs)
        let decoded = try CollectorSnapshot(jsonData: snapshot.jsonData())
        #expect(decoded.operations.first { $0.name == "kv.get" }?.recent == recent)
    }

    @Test("OTLP metrics: an exponential histogram the protos accept, with quantiles within 1 % of exact")
    func exponentialHistogram() throws {
        var random = SplitMix64(seed: 3)
        var values: [UInt64] = Array(repeating: 0, count: 20)  // zero durations
        for _ in 0..<20_000 {
            let exponent = Double(random.next() % 1_000_000) / 1e6 * log(100_000_000.0)  // 1 ns to 100 ms
            values.append(UInt64(exp(exponent)))
        }
        var stats = OperationStats(id: 1, name: "spread")
        for value in values { stats.record(durationNanoseconds: value, failed: false) }
        var snapshot = sampleSnapshot().0
        snapshot.operations = [OperationSnapshot(stats)]
        let line = OTLPJSON.metrics(snapshot)

        let directory = try CommandRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("metrics.jsonl")
        try (line + "\n").write(to: file, atomically: true, encoding: .utf8)
        let script = CommandRunner.packageRoot().appendingPathComponent("scripts/check_otlp.py").path
        let check = try CommandRunner.run("python3", [script, "metrics", file.path])
        #expect(check.status == 0, "\(check.standardError)")

        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let resource = (object["resourceMetrics"] as? [[String: Any]])?.first
        let scope = (resource?["scopeMetrics"] as? [[String: Any]])?.first
        let metrics = scope?["metrics"] as? [[String: Any]] ?? []
        let duration = try #require(metrics.first { $0["name"] as? String == "obsbridge.call.duration" })
        let histogram = try #require(duration["exponentialHistogram"] as? [String: Any])
        #expect(histogram["aggregationTemporality"] as? Int == 2)
        let point = try #require((histogram["dataPoints"] as? [[String: Any]])?.first)
        #expect(point["scale"] as? Int == 6)
        #expect(point["count"] as? String == "\(values.count)")
        #expect(point["zeroCount"] as? String == "20")
        let positive = try #require(point["positive"] as? [String: Any])
        let offset = try #require(positive["offset"] as? Int)
        let counts = try #require(positive["bucketCounts"] as? [String]).compactMap { UInt64($0) }
        #expect(counts.count <= 4097 && counts.count < 27 * 64, "bucket count \(counts.count)")
        #expect(counts.reduce(0, +) + 20 == UInt64(values.count))

        let base = pow(2.0, pow(2.0, -6.0))
        let sorted = values.sorted()
        for q in [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1] {
            let rank = LatencyHistogram.rank(of: q, count: UInt64(values.count))
            var seen: UInt64 = 20
            var estimate = 0.0
            if rank > seen {
                for (position, count) in counts.enumerated() {
                    seen += count
                    if seen >= rank {
                        estimate = pow(base, Double(offset + position) + 0.5) * 1e9  // geometric middle, in ns
                        break
                    }
                }
            }
            let exact = Double(Self.exact(q, sorted))
            let error = exact == 0 ? estimate : abs(estimate - exact) / exact
            #expect(error <= 0.01, "q \(q): \(estimate) ns from the exponential histogram, exact \(exact) ns")
        }
    }
}

import Engine
import Testing

@testable import Profiler

/// The per-op percentile cache: stale by at most `percentileRefreshMs`, then equal to a fresh
/// computation over every run, and exact whenever asked.
struct PercentileCacheTests {
    let ms = Make.ms
    let T0 = 20 * Make.s

    /// `count` matmul runs with durations drawn from `range` (ns), back to back from `start`.
    func runs(_ count: Int, from range: Range<Int>, start: UInt64, seed: UInt64, node: Int) -> [EngineEvent] {
        var rng = TestRandom(state: seed)
        var t = start
        return (0..<count).map { i in
            let d = UInt64(range.lowerBound + rng.int(range.count))
            defer { t += d + 100 }
            return .op(Make.op("matmul", node: node + i, stream: 1, start: t, end: t + d))
        }
    }

    /// Percentiles of a collector that never saw a snapshot before: no cache involved.
    func fresh(_ events: [EngineEvent], now: UInt64) -> [UInt64] {
        var collector = Collector(configuration: ProfilerConfiguration(), start: T0)
        collector.ingest(events, now: now)
        return Self.percentiles(collector.snapshot(now: now, dropped: 0))
    }

    static func percentiles(_ s: ProfileSnapshot) -> [UInt64] {
        guard let op = s.ops.first(where: { $0.name == "matmul" }) else { return [] }
        return [op.p50Ns, op.p90Ns, op.p95Ns, op.p99Ns]
    }

    /// Nearest-rank percentile of the sorted durations (the independent expectation).
    static func nearestRank(_ sorted: [UInt64], _ p: Double) -> UInt64 {
        sorted[max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)]
    }

    @Test("cached percentiles: stale within the refresh time, then equal to a fresh computation")
    func refreshAfterNewEvents() {
        var configuration = ProfilerConfiguration()
        configuration.percentileRefreshMs = 250
        var collector = Collector(configuration: configuration, start: T0)
        // Short runs first, then much longer ones, so every percentile moves.
        let first = runs(500, from: 1_000..<2_000, start: T0, seed: 1, node: 0)
        let second = runs(1500, from: 50_000..<90_000, start: T0 + 10 * ms, seed: 2, node: 500)
        let t1 = T0 + Make.s
        collector.ingest(first, now: t1)
        let before = Self.percentiles(collector.snapshot(now: t1, dropped: 0))
        #expect(before == fresh(first, now: t1))

        collector.ingest(second, now: t1 + 100 * ms)
        let stale = collector.snapshot(now: t1 + 100 * ms, dropped: 0)
        #expect(stale.ops.first?.count == 2000, "counts are always current")
        #expect(Self.percentiles(stale) == before, "100 ms after the last computation the percentiles are reused")

        let later = Self.percentiles(collector.snapshot(now: t1 + 300 * ms, dropped: 0))
        #expect(later == fresh(first + second, now: t1 + 300 * ms))
        #expect(later != before)
        let sorted = (first + second).compactMap { e -> UInt64? in
            if case .op(let r) = e { return r.duration }
            return nil
        }.sorted()
        for (value, p) in zip(later, [50.0, 90, 95, 99]) {
            let exact = Double(Self.nearestRank(sorted, p))
            #expect(abs(Double(value) - exact) <= exact * 0.001, "p\(p): \(value) vs \(exact)")
        }
    }

    @Test("an exact snapshot and a zero refresh time ignore the cache's age")
    func exactIgnoresAge() {
        let first = runs(300, from: 1_000..<2_000, start: T0, seed: 3, node: 0)
        let second = runs(300, from: 40_000..<60_000, start: T0 + 10 * ms, seed: 4, node: 300)
        let t1 = T0 + Make.s
        for refresh in [0, 250] {
            var configuration = ProfilerConfiguration()
            configuration.percentileRefreshMs = refresh
            var collector = Collector(configuration: configuration, start: T0)
            collector.ingest(first, now: t1)
            _ = collector.snapshot(now: t1, dropped: 0)
            collector.ingest(second, now: t1 + ms)
            let now = Self.percentiles(collector.snapshot(now: t1 + ms, dropped: 0, exact: refresh == 250))
            #expect(now == fresh(first + second, now: t1 + ms), "refresh \(refresh) ms")
        }
    }

    @Test("no new runs: the cached percentiles are the fresh ones")
    func unchangedReuses() {
        let events = runs(400, from: 2_000..<9_000, start: T0, seed: 5, node: 0)
        var collector = Collector(configuration: ProfilerConfiguration(), start: T0)
        collector.ingest(events, now: T0 + Make.s)
        let a = Self.percentiles(collector.snapshot(now: T0 + Make.s, dropped: 0))
        let b = Self.percentiles(collector.snapshot(now: T0 + 5 * Make.s, dropped: 0))
        #expect(a == b)
        #expect(b == fresh(events, now: T0 + 5 * Make.s))
    }
}

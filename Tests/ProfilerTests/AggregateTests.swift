import Engine
import Foundation
import Testing

@testable import Profiler

/// Aggregates against hand-built event streams and hand-computed expectations.
struct AggregateTests {
    let ms = Make.ms
    let T0 = 20 * Make.s

    func collect(_ events: [EngineEvent], now: UInt64, start: UInt64? = nil, configure: (inout ProfilerConfiguration) -> Void = { _ in })
        -> ProfileSnapshot
    {
        var configuration = ProfilerConfiguration()
        configure(&configuration)
        var collector = Collector(configuration: configuration, start: start ?? T0)
        collector.ingest(events, now: now)
        return collector.snapshot(now: now, dropped: 0)
    }

    /// Nearest-rank percentile of a sorted list.
    func nearestRank(_ sorted: [UInt64], _ p: Double) -> UInt64 {
        sorted[max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)]
    }

    @Test("per op × device: count, total, mean, min, max exact; percentiles within 0.1% of the sorted list")
    func opStatistics() throws {
        var rng = TestRandom(state: 42)
        var events: [EngineEvent] = []
        var matmul: [UInt64] = []
        var t = T0
        for i in 0..<2000 {
            // Log-spread durations from 1 µs to ~10 ms.
            let d = UInt64(1000 * pow(10, Double(rng.int(4000)) / 1000))
            matmul.append(d)
            events.append(.op(Make.op("matmul", node: i, stream: 1, start: t, end: t + d)))
            t += d + 500
        }
        let gpuExp: [UInt64] = [5000, 1000, 3000]
        for (k, d) in gpuExp.enumerated() {
            events.append(.op(Make.op("exp", node: 10_000 + k, stream: 2, device: .gpu(0), start: t, end: t + d)))
        }
        events.append(.op(Make.op("exp", node: 20_000, stream: 1, start: t, end: t + 7000, error: "exp: out of memory")))
        let snap = collect(events, now: t + Make.s)

        let mm = try #require(snap.ops.first { $0.name == "matmul" && $0.device == .cpu })
        let sorted = matmul.sorted()
        #expect(mm.count == 2000)
        #expect(mm.totalNs == matmul.reduce(0, +))
        #expect(mm.minNs == sorted.first!)
        #expect(mm.maxNs == sorted.last!)
        #expect(abs(mm.meanNs - Double(matmul.reduce(0, +)) / 2000) < 1e-6)
        for (p, got) in [(50.0, mm.p50Ns), (90, mm.p90Ns), (95, mm.p95Ns), (99, mm.p99Ns)] {
            let exact = nearestRank(sorted, p)
            #expect(abs(Double(got) - Double(exact)) <= Double(exact) * 0.001 + 1, "p\(p): \(got) vs \(exact)")
        }
        #expect(mm.recentNs == Array(matmul.suffix(256)))

        // Same name, other device: its own row; percentiles of [1000, 3000, 5000].
        let gpu = try #require(snap.ops.first { $0.name == "exp" && $0.device == .gpu(0) })
        #expect(gpu.count == 3 && gpu.totalNs == 9000 && gpu.minNs == 1000 && gpu.maxNs == 5000)
        #expect(abs(Double(gpu.p50Ns) - 3000) <= 3 && abs(Double(gpu.p99Ns) - 5000) <= 5)
        // The failed CPU exp is an error, not a timing.
        let cpuExp = try #require(snap.ops.first { $0.name == "exp" && $0.device == .cpu })
        #expect(cpuExp.count == 0 && cpuExp.errors == 1)
        #expect(snap.errors.map(\.message) == ["exp: out of memory"])
        #expect(snap.errors.first?.stream.name == "s1")
        // Rows by total time, largest first.
        #expect(snap.ops.map(\.totalNs) == snap.ops.map(\.totalNs).sorted(by: >))
    }

    @Test("occupancy: overlapping spans count once; 100 ms, 1 s and 10 s windows; 100 ms history")
    func occupancy() throws {
        let now = T0 + Make.s
        let spans: [(UInt64, UInt64)] = [(0, 400), (200, 600), (900, 950), (980, 990)]
        var events = spans.enumerated().map { k, s in
            EngineEvent.op(Make.op("add", node: k, stream: 1, start: T0 + s.0 * ms, end: T0 + s.1 * ms))
        }
        // A span entirely inside another adds nothing.
        events.append(.op(Make.op("add", node: 9, stream: 1, start: T0 + 100 * ms, end: T0 + 300 * ms)))
        var configuration = ProfilerConfiguration()
        configuration.collectIntervalMs = nil
        var collector = Collector(configuration: configuration, start: T0)
        collector.ingest(events, now: now)
        var o = try #require(collector.snapshot(now: now, dropped: 0).occupancy.first)
        // Union: [0, 600] + [900, 950] + [980, 990] = 660 ms.
        #expect(o.busyNs == 660 * ms)
        #expect(abs(o.last1s - 0.66) < 1e-9)
        #expect(abs(o.last100ms - 0.6) < 1e-9)  // [900, 1000]: 50 + 10
        #expect(abs(o.last10s - 0.066) < 1e-9)
        #expect(abs(o.overall - 0.66) < 1e-9)
        #expect(o.history.count == 100)
        #expect(abs(o.history[98] - 0.6) < 1e-9)  // [900, 1000]
        #expect(abs(o.history[94] - 1.0) < 1e-9)  // [500, 600]
        #expect(o.history[95] == 0)  // [600, 700]
        #expect(abs(o.history[90] - 1.0) < 1e-9)  // [100, 200]

        // A late span, older than the newest, arriving in a later drain: merged into the union.
        collector.ingest([.op(Make.op("add", node: 10, stream: 1, start: T0 + 550 * ms, end: T0 + 750 * ms))], now: now)
        o = try #require(collector.snapshot(now: now, dropped: 0).occupancy.first)
        #expect(o.busyNs == 810 * ms)  // [0, 750] + 50 + 10
        #expect(abs(o.last1s - 0.81) < 1e-9)
        #expect(abs(o.history[96] - 0.5) < 1e-9)  // [700, 800]
    }

    @Test("waits: count, total and max per (waiting stream, producer stream), producer names resolved")
    func waits() throws {
        let events: [EngineEvent] = [
            .op(Make.op("add", node: 1, stream: 1, start: T0, end: T0 + ms)),
            .wait(Make.wait(stream: 2, on: 1, start: T0, end: T0 + 5 * ms)),
            .wait(Make.wait(stream: 2, on: 1, start: T0 + 10 * ms, end: T0 + 17 * ms)),
            .wait(Make.wait(stream: 1, on: 3, start: T0 + 20 * ms, end: T0 + 22 * ms)),
        ]
        let snap = collect(events, now: T0 + Make.s)
        #expect(snap.waits.count == 2)
        let first = try #require(snap.waits.first)
        #expect(first.stream.index == 2 && first.waitedFor.index == 1 && first.waitedFor.name == "s1")
        #expect(first.count == 2 && first.totalNs == 12 * ms && first.maxNs == 7 * ms)
        let second = try #require(snap.waits.last)
        #expect(second.stream.name == "s1" && second.waitedFor.name == "s3")
        #expect(second.count == 1 && second.totalNs == 2 * ms && second.maxNs == 2 * ms)
        // The waiting stream's window holds its waits, newest last.
        let window = try #require(snap.streams.first { $0.stream.index == 2 })
        #expect(window.waits.map(\.finished) == [T0 + 5 * ms, T0 + 17 * ms])
    }

    @Test("transfers: count, bytes and GB/s while copying, per direction and device")
    func transfers() throws {
        func copy(_ direction: TransferRecord.Direction, bytes: Int, start: UInt64, ns: UInt64) -> EngineEvent {
            .transfer(
                TransferRecord(
                    nodeID: 1, direction: direction, bytes: bytes, streamIndex: 4, streamName: "gpu s", device: .gpu(0),
                    started: start, finished: start + ns))
        }
        let events = [
            copy(.hostToDevice, bytes: 1_000_000, start: T0, ns: ms),
            copy(.hostToDevice, bytes: 1_000_000, start: T0 + 5 * ms, ns: ms),
            copy(.deviceToHost, bytes: 3_000_000, start: T0 + 9 * ms, ns: 2 * ms),
        ]
        let snap = collect(events, now: T0 + Make.s)
        let h2d = try #require(snap.transfers.first { $0.direction == "hostToDevice" })
        #expect(h2d.count == 2 && h2d.bytes == 2_000_000 && h2d.totalNs == 2 * ms && h2d.device == .gpu(0))
        #expect(abs(h2d.gbPerSecond - 1.0) < 1e-12)
        let d2h = try #require(snap.transfers.first { $0.direction == "deviceToHost" })
        #expect(d2h.count == 1 && abs(d2h.gbPerSecond - 1.5) < 1e-12)
        #expect(snap.streams.first?.transfers.count == 3)
    }

    @Test("memory: latest figures by time, peak, hit rate, allocations per second over the last second")
    func memory() throws {
        let now = T0 + 10 * Make.s
        let events: [EngineEvent] = [
            .memory(Make.memory(.allocate, bytes: 4096, active: 4096, peak: 4096, at: now - 3 * Make.s, limit: 1 << 30)),
            .memory(Make.memory(.allocate, bytes: 1024, hit: true, active: 5120, peak: 5120, at: now - 900 * ms)),
            // Arrives first but happened later: the latest figures come from it.
            .memory(Make.memory(.allocate, bytes: 4096, hit: true, active: 5120, cached: 0, peak: 5120, at: now - 100 * ms)),
            .memory(Make.memory(.free, bytes: 4096, active: 1024, cached: 4096, peak: 5120, at: now - 500 * ms)),
        ]
        let snap = collect(events, now: now)
        let m = try #require(snap.memory.first)
        #expect(m.device == .cpu)
        #expect(m.activeBytes == 5120 && m.cachedBytes == 0 && m.peakBytes == 5120 && m.limitBytes == 1 << 30)
        #expect(m.allocations == 3 && m.cacheHits == 2 && m.frees == 1)
        #expect(abs(m.hitRate - 2.0 / 3) < 1e-12)
        #expect(m.allocationsPerSecond == 2)
        #expect(m.samples.map(\.time) == [now - 3 * Make.s, now - 900 * ms, now - 500 * ms, now - 100 * ms])
    }

    @Test("the last graph: nodes with streams, edges inside the graph, cross-stream edges")
    func graph() throws {
        func node(_ id: Int, _ stream: Int, _ inputs: [Int]) -> GraphRecord.Node {
            GraphRecord.Node(id: id, name: "n\(id)", inputIDs: inputs, streamIndex: stream, streamName: "s\(stream)", device: .cpu)
        }
        let older = GraphRecord(nodes: [node(50, 1, [])], time: T0)
        let last = GraphRecord(nodes: [node(1, 1, []), node(2, 2, [1]), node(3, 1, [1, 2, 99])], time: T0 + ms)
        let snap = collect([.graph(last), .graph(older)], now: T0 + Make.s)
        let g = try #require(snap.lastGraph)
        #expect(g.nodes.map(\.id) == [1, 2, 3])
        #expect(Set(g.edges.map { [$0.producer, $0.consumer] }) == [[1, 2], [1, 3], [2, 3]])
        #expect(Set(g.crossStreamEdges.map { [$0.producer, $0.consumer] }) == [[1, 2], [2, 3]])
    }

    @Test("the window keeps the newest spans per stream, newest last, in order even when drained out of order")
    func window() throws {
        var events: [EngineEvent] = []
        for i in 0..<10_000 {
            let t = T0 + UInt64(i) * 1000
            events.append(.op(Make.op("add", node: i, stream: 1, start: t, end: t + 500)))
        }
        var configuration = ProfilerConfiguration()
        configuration.windowPerStream = 2048
        var collector = Collector(configuration: configuration, start: T0)
        // Two drains, the second holding a span older than the first's newest.
        collector.ingest(Array(events[..<9000]) + [events[9500]], now: T0 + Make.s)
        collector.ingest(Array(events[9000..<9500]) + Array(events[9501...]), now: T0 + Make.s)
        let snap = collector.snapshot(now: T0 + Make.s, dropped: 0)
        let ops = try #require(snap.streams.first).ops
        #expect(ops.count >= 2048 && ops.count <= 2048 + 1024)
        #expect(ops.last?.nodeID == 9999)
        let ids = ops.map(\.nodeID)
        #expect(ids == ids.sorted())
        #expect(ids == Array((10_000 - ops.count)..<10_000))
        #expect(snap.windowStart == ops.first!.started)
        #expect(snap.recordedEvents == 10_000)
    }
}

import Engine
import Foundation
import Testing

@testable import Profiler

/// The entry point: recording straight into a profiler (no global registry involved).
struct ProfilerTests {
    func configuration(capacity: Int = 1 << 10) -> ProfilerConfiguration {
        var c = ProfilerConfiguration()
        c.perThreadCapacity = capacity
        c.collectIntervalMs = nil
        return c
    }

    @Test("drops surface in the snapshot, exactly; reset forgets everything")
    func dropsAndReset() {
        let profiler = Profiler(configuration(capacity: 10))
        let t = EngineClock.now()
        for k in 0..<25 {
            profiler.record(.op(Make.op("add", node: k, stream: 1, start: t + UInt64(k) * 10, end: t + UInt64(k) * 10 + 5)))
        }
        var snapshot = profiler.snapshot()
        #expect(snapshot.droppedEvents == 15)
        #expect(snapshot.recordedEvents == 10)
        #expect(snapshot.streams.first?.ops.map(\.nodeID) == Array(15..<25))
        #expect(snapshot.ops.first?.count == 10)
        profiler.reset()
        snapshot = profiler.snapshot()
        #expect(snapshot.droppedEvents == 0 && snapshot.recordedEvents == 0 && snapshot.streams.isEmpty && snapshot.ops.isEmpty)
    }

    @Test("session(): every event when keepSession is set, the window otherwise")
    func session() {
        var keep = configuration()
        keep.keepSession = true
        keep.windowPerStream = 1
        let full = Profiler(keep)
        let window = Profiler(configuration())
        let t = EngineClock.now()
        for k in 0..<3000 {
            let event = EngineEvent.op(Make.op("add", node: k, stream: 1, start: t + UInt64(k) * 10, end: t + UInt64(k) * 10 + 5))
            full.record(event)
            window.record(event)
            if k % 500 == 0 {
                full.collect()
                window.collect()
            }
        }
        #expect(full.session().ops.count == 3000)
        // A window of one span per stream keeps the newest chunk (at least the newest span).
        let kept = full.snapshot().streams.first?.ops.count ?? 0
        #expect(kept >= 1 && kept < 3000)
        #expect(window.session().ops.count == 3000)  // the default window holds them all
        #expect(window.session().ops.last?.nodeID == 2999)
    }

    @Test("snapshots taken while events arrive stay unchanged")
    func snapshotsAreImmutable() {
        let profiler = Profiler(configuration(capacity: 1 << 13))
        let t = EngineClock.now()
        for k in 0..<100 { profiler.record(.op(Make.op("add", node: k, stream: 1, start: t + UInt64(k), end: t + UInt64(k) + 1))) }
        let first = profiler.snapshot()
        for k in 100..<5000 { profiler.record(.op(Make.op("add", node: k, stream: 1, start: t + UInt64(k), end: t + UInt64(k) + 1))) }
        let second = profiler.snapshot()
        #expect(first.streams[0].ops.count == 100 && first.streams[0].ops.last?.nodeID == 99)
        #expect(first.ops[0].count == 100)
        #expect(second.streams[0].ops.count == 5000 && second.streams[0].ops.last?.nodeID == 4999)
    }

    @Test("the collector thread drains without snapshots; stop() leaves the aggregates readable")
    func backgroundCollection() async throws {
        var c = configuration()
        c.collectIntervalMs = 2
        let profiler = Profiler(c)
        // A registry of its own: the engine's may carry other suites' events.
        let registry = RecorderRegistry()
        profiler.start(in: registry)
        #expect(profiler.isRunning && registry.recorder === profiler)
        profiler.stop()
        #expect(!profiler.isRunning && registry.recorder == nil)
        // Started again, events recorded directly are drained by the ticker.
        profiler.start(in: registry)
        let t = EngineClock.now()
        profiler.record(.op(Make.op("add", node: 1, stream: 1, start: t, end: t + 1)))
        var drained = false
        for _ in 0..<500 where !drained {
            try await Task.sleep(nanoseconds: 2_000_000)
            drained = profiler.lockedRecordedCount() == 1
        }
        profiler.stop()
        #expect(drained)
        #expect(profiler.summary().ops.first?.count == 1)
    }
}

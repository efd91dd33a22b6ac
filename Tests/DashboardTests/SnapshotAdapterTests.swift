import Dashboard
import Engine
import Profiler
import Foundation
import Testing

/// Hand-made engine events through a real `Profiler`, then the adapter's view of its snapshot.
@Suite struct SnapshotAdapterTests {
    @Test func eventsBecomeLanesSpansArrowsRowsAndAGraph() throws {
        let profiler = Profiler()  // not started: only the events recorded here reach it
        let base = EngineClock.now()
        let ms: UInt64 = 1_000_000
        func op(_ id: Int, _ name: String, stream: Int, device: Device, inputs: [Int], from: UInt64, to: UInt64) {
            profiler.record(.op(OpRecord(
                nodeID: id, name: name, inputIDs: inputs, streamIndex: stream, streamName: stream == 0 ? "s0" : "g0",
                device: device, shape: [4, 2], dtype: .float32, bytes: 32, flops: 8, dispatched: base + from,
                started: base + from, finished: base + to)))
        }
        op(1, "matmul", stream: 0, device: .cpu, inputs: [], from: 1 * ms, to: 3 * ms)
        op(2, "exp", stream: 1, device: .gpu(0), inputs: [1], from: 4 * ms, to: 5 * ms)
        op(3, "exp", stream: 1, device: .gpu(0), inputs: [2], from: 5 * ms, to: 6 * ms)
        profiler.record(.wait(WaitRecord(streamIndex: 1, device: .gpu(0), waitedForStreamIndex: 0, waitedForStream: "s0",
                                         producerNodeID: 1, consumerNodeID: 2, started: base + 3 * ms, finished: base + 4 * ms)))
        profiler.record(.memory(MemoryRecord(kind: .allocate, device: .cpu, bytes: 64, cacheHit: false, activeBytes: 64,
                                             cachedBytes: 0, peakBytes: 64, time: base + 2 * ms)))
        usleep(20_000)  // so that every event lies before the snapshot's "now"
        let snapshot = profiler.snapshot()
        let view = SnapshotAdapter().view(snapshot, viewport: TimelineViewport(window: 10))

        let timeline = view.timeline
        #expect(timeline.lanes.map { "\($0.device) \($0.name)" } == ["cpu s0", "gpu0 g0"])
        #expect(timeline.spans.map(\.name).sorted() == ["exp", "exp", "matmul"])
        let matmul = try #require(timeline.spans.first { $0.name == "matmul" })
        #expect(abs(matmul.duration - 0.002) < 1e-9)
        #expect(matmul.shape == [4, 2])
        #expect(matmul.dtype == "float32")
        // Times count from the profiler's start; the matmul began 1 ms after `base`.
        let offset = Double(base - snapshot.start) / 1e9
        #expect(abs(matmul.start - (offset + 0.001)) < 1e-9)
        // One cross-stream dependency (matmul → first exp), none for exp → exp on one stream.
        #expect(timeline.dependencies.count == 1)
        let dependency = try #require(timeline.dependencies.first)
        #expect(timeline.lanes[dependency.fromLane].name == "s0")
        #expect(timeline.lanes[dependency.toLane].name == "g0")
        #expect(abs(dependency.fromTime - matmul.end) < 1e-9)
        #expect(timeline.waits.count == 1)
        #expect(timeline.waits.first.map { timeline.lanes[$0.onLane].name } == "s0")

        let exp = try #require(view.ops.first { $0.name == "exp" })
        #expect(exp.device == .gpu(0))
        #expect(exp.count == 2)
        #expect(abs(exp.total - 0.002) < 1e-5)
        // 2 ms of exp and 2 ms of matmul: half each.
        #expect(abs(exp.share - 0.5) < 1e-3)
        #expect(view.memory.first?.device == .cpu)
        #expect(view.memory.first?.active.last == 64)

        let layout = GraphLayout(view.graph)
        #expect(layout.boxes.map(\.label) == ["matmul 4×2", "exp ×2 4×2"])
        #expect(layout.edges.map(\.crossStream) == [true])
        // Merging bursts: the two exps (1 ms apart... end to start 0) become one span of 2 ops,
        // and the matmul → exp arrow is kept.
        let merged = SnapshotAdapter().view(snapshot, viewport: TimelineViewport(window: 10), mergeGap: 0.0005).timeline
        #expect(merged.spans.map { "\($0.name)×\($0.count)" }.sorted() == ["exp×2", "matmul×1"])
        let run = try #require(merged.spans.first { $0.name == "exp" })
        #expect(abs(run.duration - 0.002) < 1e-9)
        #expect(merged.dependencies.count == 1)
        // A hidden graph panel is not built.
        #expect(SnapshotAdapter().view(snapshot, viewport: TimelineViewport(window: 10), panels: [.timeline]).graph.nodes.isEmpty)
    }
}

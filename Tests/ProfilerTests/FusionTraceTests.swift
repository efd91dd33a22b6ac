import Engine
import Foundation
import Testing

@testable import Profiler

/// A fused node (`compile`) in Chrome traces and the summary the dashboard's ops table shows.
@Suite(.serialized)
struct FusionTraceTests {
    @Test("a hand-built fused op carries its contained ops into the slice's args; other ops have no ops list")
    func handBuilt() throws {
        let fused = OpRecord(
            nodeID: 7, name: "fused[mul·tanh]", inputIDs: [3], streamIndex: 1, streamName: "s1", device: .cpu, shape: [4],
            dtype: .float32, bytes: 32, flops: 8, dispatched: 10, started: 20, finished: 30, fusedOps: ["multiply", "tanh"])
        let plain = Make.op("exp", node: 8, stream: 1, start: 40, end: 50, inputs: [7])
        let trace = try TraceChecker(ChromeTrace.data(ProfileSession(events: [.op(fused), .op(plain)])))
        #expect(trace.problems == [])
        let slice = try #require(trace.slices.first { $0["name"] as? String == "fused[mul·tanh]" })
        let args = try #require(slice["args"] as? [String: Any])
        #expect(args["ops"] as? [String] == ["multiply", "tanh"])
        let exp = try #require(trace.slices.first { $0["name"] as? String == "exp" })
        #expect((exp["args"] as? [String: Any])?["ops"] == nil)
    }

    @Test("a compiled GELU run: one fused slice listing the nine ops, and one row in the ops summary")
    func engineRun() throws {
        var configuration = ProfilerConfiguration()
        configuration.keepSession = true
        let profiler = Profiler(configuration)
        profiler.start()
        let stream = try newStream(name: "fusion trace")
        let gelu = compile { x throws(EngineError) in try 0.5 * x * (1 + tanh(0.7978845608 * (x + 0.044715 * x * x * x))) }
        let x = try Random.normal(shape: [4096], key: Random.key(1), stream: .stream(stream))
        try eval(x)
        try eval(withDefaultStream(stream) { try gelu(x) })
        profiler.stop()

        let trace = try TraceChecker(ChromeTrace.data(profiler.session()))
        #expect(trace.problems == [])
        let names = trace.slices(onTrackNamed: "fusion trace").compactMap { $0["name"] as? String }
        let fusedName = "fused[mul×4·add·mul·tanh·add·mul]"
        #expect(names.filter { $0 != "normal" } == [fusedName])
        let slice = try #require(trace.slices(onTrackNamed: "fusion trace").first { $0["name"] as? String == fusedName })
        let ops = (slice["args"] as? [String: Any])?["ops"] as? [String]
        #expect(ops == ["multiply", "multiply", "multiply", "multiply", "add", "multiply", "tanh", "add", "multiply"])
        let summary = ProfileSummary(profiler.snapshot())
        #expect(summary.ops.contains { $0.name == fusedName && $0.count == 1 })
    }
}

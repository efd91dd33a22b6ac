import Engine
import Foundation
import Testing

@testable import Profiler

/// Chrome traces from hand-built CPU+GPU events and from real engine runs, parsed back and checked.
struct TraceTests {
    let ms = Make.ms
    let T0 = 5 * Make.s

    /// CPU stream 1 → GPU stream 3 → CPU stream 1, with a copy, a wait and memory on both devices.
    func cpuGPUSession() -> ProfileSession {
        let events: [EngineEvent] = [
            .op(Make.op("matmul", node: 10, stream: 1, start: T0, end: T0 + 4 * ms, shape: [4096, 4], bytes: 8_404_992, flops: 16_777_216)),
            .transfer(
                TransferRecord(
                    nodeID: 10, direction: .hostToDevice, bytes: 65536, streamIndex: 3, streamName: "gpu compute",
                    device: .gpu(0), started: T0 + 4 * ms, finished: T0 + 5 * ms)),
            .wait(Make.wait(stream: 3, on: 1, device: .gpu(0), start: T0 + 1 * ms, end: T0 + 4 * ms, producer: 10, consumer: 11)),
            .op(Make.op("exp", node: 11, stream: 3, streamName: "gpu compute", device: .gpu(0), start: T0 + 5 * ms, end: T0 + 6 * ms, inputs: [10])),
            .op(Make.op("add", node: 12, stream: 1, start: T0 + 7 * ms, end: T0 + 8 * ms, inputs: [11, 10])),
            .memory(Make.memory(.allocate, bytes: 1024, active: 1024, peak: 1024, at: T0 + ms)),
            .memory(Make.memory(.allocate, device: .gpu(0), bytes: 4096, active: 4096, peak: 4096, at: T0 + 2 * ms)),
            .memory(Make.memory(.allocate, bytes: 1024, hit: true, active: 2048, peak: 2048, at: T0 + 3 * ms)),
            .memory(Make.memory(.free, bytes: 1024, active: 1024, cached: 1024, peak: 2048, at: T0 + 9 * ms)),
        ]
        return ProfileSession(events: events, start: T0 - ms, droppedEvents: 3)
    }

    @Test("hand-built CPU+GPU events: named processes and tracks, slices with args, both flows, ordered counters")
    func cpuAndGPU() throws {
        let trace = try TraceChecker(ChromeTrace.data(cpuGPUSession(), metadata: ["workload": "test"]))
        #expect(trace.problems == [])
        #expect(Set(trace.processNames.values) == ["CPU", "GPU 0 (OpenCL)"])
        #expect(Set(trace.threadNames.values) == ["s1", "gpu compute", "gpu compute (copies)"])
        // 3 ops, 1 copy, 1 wait.
        #expect(trace.slices.count == 5)
        let matmul = try #require(trace.slices.first { $0["name"] as? String == "matmul" })
        #expect((matmul["ts"] as? NSNumber)?.doubleValue == 1000)  // 1 ms after the session start, in µs
        #expect((matmul["dur"] as? NSNumber)?.doubleValue == 4000)
        let args = try #require(matmul["args"] as? [String: Any])
        #expect(args["shape"] as? String == "[4096,4]")
        #expect(args["dtype"] as? String == "float32")
        #expect(args["bytes"] as? Int == 8_404_992 && args["flops"] as? Int == 16_777_216 && args["node"] as? Int == 10)
        #expect(trace.slices(onTrackNamed: "gpu compute").map { $0["name"] as? String } == ["wait", "exp"])
        #expect(trace.slices(onTrackNamed: "gpu compute (copies)").first?["name"] as? String == "copy hostToDevice")
        // Cross-stream inputs: 10 → 11 (cpu → gpu), 11 → 12 (gpu → cpu), 10 → 12 is same-stream (no arrow).
        #expect(trace.flows.count == 2)
        // Counters: three series per memory record, per device.
        #expect(trace.counters.count == 12)
        let gpuCounters = trace.counters.filter { ($0["name"] as? String)?.hasPrefix("gpu0") == true }
        #expect(gpuCounters.allSatisfy { $0["pid"] as? Int == 2 })
        let hitRates = trace.counters.filter { $0["name"] as? String == "cpu pool hit rate" }
            .compactMap { (($0["args"] as? [String: Any])?["percent"] as? NSNumber)?.doubleValue }
        #expect(hitRates == [0, 50, 50])
        #expect(trace.other["droppedEvents"] as? String == "3" && trace.other["workload"] as? String == "test")
    }

    @Test("written through a temporary name: the file appears whole and nothing else is left")
    func atomicWrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.json")
        try ChromeTrace.write(cpuGPUSession(), to: url)
        try ChromeTrace.write(cpuGPUSession(), to: url)  // over an existing file
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["t.json"])
        #expect(try TraceChecker(Data(contentsOf: url)).problems == [])

        let missing = folder.appendingPathComponent("no such folder/t.json")
        do {
            try ChromeTrace.write(cpuGPUSession(), to: missing)
            Issue.record("writing into a missing folder did not throw")
        } catch let error as TraceWriteError {
            #expect(error.description.contains("no such folder/t.json"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["t.json"])
    }

    @Test("names with quotes, backslashes and control characters stay valid JSON")
    func escaping() throws {
        let name = "we\"ird\\name\n\t\u{1}é"
        let session = ProfileSession(events: [.op(Make.op(name, node: 1, stream: 1, streamName: name, start: T0, end: T0 + 1))])
        let trace = try TraceChecker(ChromeTrace.data(session))
        #expect(trace.problems == [])
        #expect(trace.slices.first?["name"] as? String == name)
        #expect(trace.threadNames.values.contains(name))
    }
}

/// Real engine runs; the recorder registry is shared with other suites, so checks look at this run's streams.
@Suite(.serialized)
struct EngineTraceTests {
    @Test("a CPU-only run of real ops on two streams: tracks, flows, counters; summary and snapshot agree")
    func cpuRun() throws {
        var configuration = ProfilerConfiguration()
        configuration.keepSession = true
        configuration.collectIntervalMs = 5
        let profiler = Profiler(configuration)
        profiler.start()
        let left = try newStream(name: "trace left")
        let right = try newStream(name: "trace right")
        var a = try Random.uniform(shape: [64, 64], key: Random.key(3), stream: .stream(left))
        var b = try Random.uniform(shape: [64, 64], key: Random.key(4), stream: .stream(right))
        for _ in 0..<5 {
            a = try tanh(matmul(a, b, stream: .stream(left)), stream: .stream(left))
            b = try multiply(b, sigmoid(a, stream: .stream(right)), stream: .stream(right))
        }
        try eval(a, b)
        profiler.stop()

        let session = profiler.session()
        let trace = try TraceChecker(ChromeTrace.data(session))
        #expect(trace.problems == [])
        let leftOps = trace.slices(onTrackNamed: "trace left").compactMap { $0["name"] as? String }
        let rightOps = trace.slices(onTrackNamed: "trace right").compactMap { $0["name"] as? String }
        #expect(leftOps.filter { $0 == "matmul" }.count == 5 && leftOps.filter { $0 == "tanh" }.count == 5)
        #expect(rightOps.filter { $0 == "sigmoid" }.count == 5 && rightOps.filter { $0 == "multiply" }.count == 5)
        // Every iteration crosses streams both ways: at least 10 flows between these two tracks.
        let tracks = Set(trace.threadNames.filter { $0.value.hasPrefix("trace ") }.map(\.key))
        let crossing = trace.flows.values.filter { ends in
            ends.allSatisfy { tracks.contains(TraceChecker.Track(pid: $0["pid"] as! Int, tid: $0["tid"] as! Int)) }
        }
        #expect(crossing.count >= 10)
        #expect(trace.counters.contains { $0["name"] as? String == "cpu memory" })
        #expect(trace.processNames[1] == "CPU")

        let snapshot = profiler.snapshot()
        let window = try #require(snapshot.streams.first { $0.stream.index == left.index })
        #expect(window.ops.filter { $0.name == "matmul" }.count == 5)
        #expect(window.stream.name == "trace left")
        let summary = ProfileSummary(snapshot)
        #expect(summary.ops.contains { $0.name == "matmul" && $0.device == "cpu" && $0.count >= 5 })
        #expect(summary.streams.contains { $0.stream == "trace right" })
        #expect((summary.memory.first?.peakBytes ?? 0) > 0)
        #expect(!profiler.isRunning)
    }
}

/// A snapshot's trace: the window's spans and the memory samples, with the pool's hit rate.
struct SnapshotTraceTests {
    @Test("from a snapshot: spans of the window, counters from the samples with running hit rates")
    func fromSnapshot() throws {
        let T0 = 7 * Make.s
        let events: [EngineEvent] = [
            .op(Make.op("exp", node: 1, stream: 1, start: T0, end: T0 + Make.ms)),
            .op(Make.op("exp", node: 2, stream: 2, start: T0 + 2 * Make.ms, end: T0 + 3 * Make.ms, inputs: [1])),
            .memory(Make.memory(.allocate, bytes: 64, active: 64, peak: 64, at: T0 + 1)),
            .memory(Make.memory(.allocate, bytes: 64, hit: true, active: 128, peak: 128, at: T0 + 2)),
            .memory(Make.memory(.free, bytes: 64, active: 64, cached: 64, peak: 128, at: T0 + 3)),
            .memory(Make.memory(.allocate, bytes: 64, hit: true, active: 128, peak: 128, at: T0 + 4)),
        ]
        var collector = Collector(configuration: ProfilerConfiguration(), start: T0)
        collector.ingest(events, now: T0 + Make.s)
        let snapshot = collector.snapshot(now: T0 + Make.s, dropped: 0)
        for data in [ChromeTrace.data(snapshot), ChromeTrace.data(ProfileSession(snapshot))] {
            let trace = try TraceChecker(data)
            #expect(trace.problems == [])
            #expect(trace.slices.count == 2 && trace.flows.count == 1)
            let rates = trace.counters.filter { $0["name"] as? String == "cpu pool hit rate" }
                .compactMap { (($0["args"] as? [String: Any])?["percent"] as? NSNumber)?.doubleValue }
            #expect(rates.map { ($0 * 10).rounded() / 10 } == [0, 50, 50, 66.7])
        }
    }
}

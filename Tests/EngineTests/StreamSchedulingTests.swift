import Foundation
import Testing

@testable import Engine

/// Collects every event (unbounded; tests are short).
final class CollectingRecorder: EngineRecorder, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [EngineEvent] = []
    func record(_ event: EngineEvent) { lock.lock(); events.append(event); lock.unlock() }
    var ops: [OpRecord] {
        lock.lock()
        defer { lock.unlock() }
        return events.compactMap { if case .op(let r) = $0 { return r } else { return nil } }
    }
    var graphs: [GraphRecord] {
        lock.lock()
        defer { lock.unlock() }
        return events.compactMap { if case .graph(let r) = $0 { return r } else { return nil } }
    }
}

extension SplitMix {
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

// The recorder registry is process-global: tests add their own listener and look at their own streams.
@Suite(.serialized)
struct StreamSchedulingTests {
    /// Builds the same random graph of elementwise ops and returns its sinks; placement picks streams.
    func randomGraph(seed: UInt64, ops: Int, streams: [DeviceStream]) throws -> [Tensor] {
        var rng = SplitMix(seed: seed)
        var values: [Tensor] = [
            try Random.uniform(shape: [64], key: Random.key(seed)),
            try Random.uniform(shape: [64], key: Random.key(seed + 1)),
        ]
        for _ in 0..<ops {
            let stream = StreamOrDevice.stream(streams[rng.int(streams.count)])
            let a = values[rng.int(values.count)]
            let b = values[rng.int(values.count)]
            let next: Tensor
            switch rng.int(4) {
            case 0: next = try add(a, b, stream: stream)
            case 1: next = try multiply(a, 0.5 * b, stream: stream)
            case 2: next = try tanh(subtract(a, b, stream: stream), stream: stream)
            default: next = try maximum(a, sin(b, stream: stream), stream: stream)
            }
            values.append(next)
        }
        return Array(values.suffix(8))
    }

    @Test("random graphs over 3 streams match single-stream results; consumers start after producers", arguments: [1, 2, 3, 4, 5, 6])
    func crossStreamOrdering(seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed) * 7919)
        let count = 50 + rng.int(451)
        let single = try newStream(name: "single")
        let reference = try randomGraph(seed: UInt64(seed), ops: count, streams: [single])
        try eval(reference)

        let recorder = CollectingRecorder()
        let token = Recording.add(recorder)
        defer { Recording.remove(token) }
        let streams = try (0..<3).map { try newStream(name: "s\($0)") }
        let spread = try randomGraph(seed: UInt64(seed), ops: count, streams: streams)
        try eval(spread)
        Recording.remove(token)

        for (x, y) in zip(reference, spread) {
            #expect(try x.toArray(Float.self) == y.toArray(Float.self))
        }
        // Other suites may record at the same time: look at this graph's streams only.
        let mine = Set(streams.map(\.index))
        let ops = recorder.ops.filter { mine.contains($0.streamIndex) }
        let byID = Dictionary(ops.map { ($0.nodeID, $0) }, uniquingKeysWith: { a, _ in a })
        var crossEdges = 0
        for op in ops {
            for input in op.inputIDs {
                guard let producer = byID[input] else { continue }
                #expect(op.started >= producer.finished, "\(op.name) #\(op.nodeID) started before its input #\(input) finished")
                if producer.streamIndex != op.streamIndex { crossEdges += 1 }
            }
        }
        #expect(crossEdges > 0)
        // Per-stream spans never overlap: a stream runs one op at a time.
        for stream in streams {
            let spans = ops.filter { $0.streamIndex == stream.index }.sorted { $0.started < $1.started }
            for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.finished <= b.started) }
        }
        // Every scheduled node ran exactly once and finished after it started.
        let scheduled = Set(recorder.graphs.flatMap { $0.nodes.filter { mine.contains($0.streamIndex) }.map(\.id) })
        #expect(Set(ops.map(\.nodeID)) == scheduled)
        #expect(ops.count == scheduled.count)
        #expect(ops.allSatisfy { $0.dispatched <= $0.started && $0.started <= $0.finished })
    }

    @Test("independent work on two streams overlaps in time")
    func independentStreamsOverlap() throws {
        let recorder = CollectingRecorder()
        let token = Recording.add(recorder)
        defer { Recording.remove(token) }
        let s1 = try newStream(name: "left")
        let s2 = try newStream(name: "right")
        var a = try Random.uniform(shape: [1 << 18], key: Random.key(1), stream: .stream(s1))
        var b = try Random.uniform(shape: [1 << 18], key: Random.key(2), stream: .stream(s2))
        for _ in 0..<6 {
            a = try tanh(a, stream: .stream(s1))
            b = try tanh(b, stream: .stream(s2))
        }
        try eval(a, b)
        Recording.remove(token)
        let left = recorder.ops.filter { $0.streamIndex == s1.index }
        let right = recorder.ops.filter { $0.streamIndex == s2.index }
        let overlapping = left.contains { l in right.contains { r in l.started < r.finished && r.started < l.finished } }
        #expect(overlapping, "no op on one stream ran while the other stream was busy")
    }

    @Test("matmuls on two streams at once (concurrent OpenBLAS calls) give the single-stream results")
    func concurrentMatmul() throws {
        let x = try Random.normal(shape: [160, 160], key: Random.key(11))
        let y = try Random.normal(shape: [160, 160], key: Random.key(12))
        func chain(_ s: DeviceStream, _ start: Tensor) throws -> Tensor {
            var v = start
            for _ in 0..<4 { v = try tanh(matmul(v, y, stream: .stream(s)), stream: .stream(s)) }
            return v
        }
        let solo = try newStream(name: "solo")
        let expectedX = try chain(solo, x).toArray(Float.self)
        let expectedY = try chain(solo, y).toArray(Float.self)
        for _ in 0..<3 {
            let left = try chain(try newStream(name: "mm left"), x)
            let right = try chain(try newStream(name: "mm right"), y)
            try eval(left, right)
            // BLAS may split work differently under contention: compare within float32 rounding.
            for (got, want) in [(try left.toArray(Float.self), expectedX), (try right.toArray(Float.self), expectedY)] {
                #expect(got.count == want.count)
                let worst = zip(got, want).map { Swift.abs($0 - $1) }.max() ?? .infinity
                #expect(worst < 1e-4)
            }
        }
    }

    @Test("streams waiting on each other in a diamond do not deadlock")
    func diamond() throws {
        let s = try (0..<3).map { try newStream(name: "d\($0)") }
        for round in 0..<20 {
            let a = try arange(0, 1000, dtype: .float32, stream: .stream(s[0]))
            let b = try multiply(a, a, stream: .stream(s[1]))
            let c = try add(a, 1.0 * a, stream: .stream(s[2]))
            let d = try subtract(b, c, stream: .stream(s[0]))
            let e = try add(d, b, stream: .stream(s[2]))
            let values = try e.toArray(Float.self)
            for i in [0, 1, 17, 999] {
                let x = Float(i)
                #expect(values[i] == (x * x - 2 * x) + x * x, "round \(round) element \(i)")
            }
        }
    }

    @Test("asyncEval returns before the work is done; a later read waits for it")
    func asyncEvaluation() throws {
        let s = try newStream(name: "async")
        let x = try Random.uniform(shape: [768, 768], key: Random.key(9), stream: .stream(s))
        var y = try matmul(x, x, stream: .stream(s))
        for _ in 0..<3 { y = try matmul(y, x, stream: .stream(s)) }
        asyncEval(y)
        #expect(!y.isEvaluated)
        let total = try y.sum().item(Float.self)
        #expect(total.isFinite && total > 0)
        #expect(y.isEvaluated)
    }

    @Test("scoped default stream places unplaced ops")
    func scopedDefaultStream() throws {
        let recorder = CollectingRecorder()
        let s = try newStream(name: "scoped")
        let token = Recording.add(recorder)
        defer { Recording.remove(token) }
        let z = try withDefaultStream(s) { try add(Tensor([1.0, 2.0]), Tensor([3.0, 4.0])) }
        try eval(z)
        Recording.remove(token)
        #expect(try z.toArray(Float.self) == [4, 6])
        #expect(recorder.ops.contains { $0.name == "add" && $0.streamIndex == s.index })
        #expect(Defaults.stream() !== s)
    }

    @Test("a device that does not exist is a clear error naming the op, for ops and new streams")
    func missingDevice() throws {
        let a = try Tensor([1.0, 2.0])
        let missing = Device.gpu(99)
        #expect(throws: EngineError.self) { try add(a, a, stream: .device(missing)) }
        do {
            _ = try exp(a, stream: .device(missing))
            Issue.record("exp on \(missing) should fail")
        } catch {
            #expect(error.kind == .device)
            #expect(error.description.hasPrefix("exp: "))
        }
        do {
            _ = try newStream(on: missing)
            Issue.record("newStream on \(missing) should fail")
        } catch {
            #expect(error.kind == .device)
            #expect(error.description.contains("Device(gpu, 99)"))
        }
    }
}

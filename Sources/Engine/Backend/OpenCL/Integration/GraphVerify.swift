/// Random graphs spread over CPU and GPU streams, checked against the same graph on one CPU
/// stream: what `streamtop verify` and the tests run to catch ordering and transfer bugs that a
/// per-kernel check cannot (a missing wait, a buffer reused while a queue still reads it).
public enum GraphVerify {
    public struct Outcome: Sendable {
        public let seed: UInt64
        public let ops: Int
        /// Nil when every output matched within float32 tolerance.
        public let problem: String?
    }

    /// One graph of `ops` mixed ops (elementwise, matmul, reductions, softmax, views) over two CPU
    /// and two GPU streams of `gpu`.
    public static func run(seed: UInt64, ops: Int, gpu: Device = .gpu(0)) throws(EngineError) -> Outcome {
        let reference = try graph(seed: seed, ops: ops, streams: [try newStream(on: .cpu)])
        try eval(reference)
        let streams = [try newStream(on: .cpu), try newStream(on: .cpu), try newStream(on: gpu), try newStream(on: gpu)]
        let spread = try graph(seed: seed, ops: ops, streams: streams)
        try eval(spread)
        for (index, (x, y)) in zip(reference, spread).enumerated() {
            let a = try x.toArray(Float.self)
            let b = try y.toArray(Float.self)
            guard a.count == b.count else { return Outcome(seed: seed, ops: ops, problem: "output \(index): sizes differ") }
            for i in a.indices where !(abs(a[i] - b[i]) <= 1e-4 * max(1, abs(a[i]))) {
                return Outcome(seed: seed, ops: ops, problem: "output \(index)[\(i)]: CPU-only \(a[i]), CPU+GPU \(b[i])")
            }
        }
        return Outcome(seed: seed, ops: ops, problem: nil)
    }

    static func graph(seed: UInt64, ops: Int, streams: [DeviceStream]) throws(EngineError) -> [Tensor] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var values: [Tensor] = [
            try Random.uniform(shape: [16, 16], key: Random.key(seed)),
            try Random.uniform(shape: [16, 16], key: Random.key(seed &+ 1)),
        ]
        for _ in 0..<ops {
            let s = StreamOrDevice.stream(streams[next(streams.count)])
            let a = values[next(values.count)]
            let b = values[next(values.count)]
            let made: Tensor
            switch next(7) {
            case 0: made = try add(a, b, stream: s)
            case 1: made = try multiply(a, 0.5 * b, stream: s)
            case 2: made = try tanh(subtract(a, b, stream: s), stream: s)
            case 3: made = try maximum(a, sin(b, stream: s), stream: s)
            case 4: made = try multiply(matmul(a, b, stream: s), 1.0 / 16, stream: s)
            case 5: made = try add(transpose(a, stream: s), mean(b, axes: [0], keepDims: true, stream: s), stream: s)
            default: made = try softmax(a, axes: [-1], stream: s)
            }
            values.append(made)
        }
        return Array(values.suffix(6))
    }
}

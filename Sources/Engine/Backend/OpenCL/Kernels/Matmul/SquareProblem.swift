/// One float32 product C = A·B on the device for timing and checking: random inputs in [-1, 1)
/// uploaded once, reused by every configuration the tuner tries.
struct SquareProblem {
    let a: CLArrayRef
    let b: CLArrayRef
    let c: CLArrayRef
    let args: MatmulArguments
    let flops: Double
    /// Keeps the device buffers alive as long as the refs.
    private let buffers: [CLMemory]

    init(bed: OpenCLTestbed, m: Int, n: Int, k: Int, seed: UInt64) throws(EngineError) {
        var rng = SplitMix(seed: seed)
        let random = { (count: Int) in
            (0..<max(count, 1)).map { _ in Float(Int32(truncatingIfNeeded: rng.next() >> 32)) / Float(1 << 31) }
        }
        let hostA = random(m * k)
        let hostB = random(k * n)
        let memA = try bed.upload(hostA.withUnsafeBytes { Array($0) })
        let memB = try bed.upload(hostB.withUnsafeBytes { Array($0) })
        let memC = try CLMemory(context: bed.context, bytes: max(m * n, 1) * 4)
        a = CLArrayRef(memory: memA.handle, shape: [m, k], dtype: .float32)
        b = CLArrayRef(memory: memB.handle, shape: [k, n], dtype: .float32)
        c = CLArrayRef(memory: memC.handle, shape: [m, n], dtype: .float32)
        args = try MatmulArguments(a, b, output: c, op: "tune")
        flops = 2 * Double(m) * Double(n) * Double(k)
        buffers = [memA, memB, memC]
    }

    /// One launch with `tiles`, or with the general kernel when nil.
    func launch(bed: OpenCLTestbed, tiles: SgemmTiles?) throws(EngineError) -> CLEvent {
        guard let tiles else {
            return try GeneralMatmul.enqueue(args, a: a, b: b, output: c, kernels: bed.kernels, queue: bed.queue, waitFor: [], op: "tune")
        }
        guard let event = try Sgemm.enqueue(
            args, a: a, b: b, output: c, tiles: tiles, kernels: bed.kernels, queue: bed.queue, waitFor: [], op: "tune", force: true)
        else { throw .argument("tune", "the tuned kernel declined \(tiles) (\(tiles.problem ?? "operands"))") }
        return event
    }

    /// C after one launch, row-major.
    func result(bed: OpenCLTestbed, tiles: SgemmTiles?) throws(EngineError) -> [Float] {
        let event = try launch(bed: bed, tiles: tiles)
        let bytes = try bed.download(buffers[2], count: args.m * args.n * 4, after: event)
        return bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}

@testable import Engine

/// A float32 operand laid out in a host array as a strided view (offset, strides in elements), the
/// way `CLArrayRef` sees device memory, with a naive reader for the reference product.
struct HostOperand {
    let shape: [Int]
    let strides: [Int]
    let offset: Int
    let storage: [Float]

    /// Random values in [-1, 1) with the given layout; the storage covers the largest index.
    init(shape: [Int], strides: [Int], offset: Int = 0, rng: inout SplitMix) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
        let span = zip(shape, strides).reduce(offset) { $0 + ($1.0 > 0 ? ($1.0 - 1) * $1.1 : 0) } + 1
        storage = (0..<span).map { _ in Float.random(in: -1..<1, using: &rng) }
    }

    /// Row-major contiguous.
    init(contiguous shape: [Int], rng: inout SplitMix) {
        self.init(shape: shape, strides: Shape.contiguousStrides(shape), rng: &rng)
    }

    func element(_ index: [Int]) -> Float {
        storage[offset + zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }]
    }
}

/// C = A·B by the textbook triple loop in Double, with NumPy batch broadcasting, and the bound
/// |C - C'| ≤ 1e-5 · (Σ|a·b| + 1) that float32 accumulation in any order meets.
struct ReferenceProduct {
    let shape: [Int]
    let values: [Double]
    let bounds: [Double]

    init(_ a: HostOperand, _ b: HostOperand) {
        let m = a.shape[a.shape.count - 2]
        let k = a.shape[a.shape.count - 1]
        let n = b.shape[b.shape.count - 1]
        let batchRank = max(a.shape.count, b.shape.count) - 2
        let pad = { (s: [Int]) in [Int](repeating: 1, count: batchRank - (s.count - 2)) + s.dropLast(2) }
        let (aBatch, bBatch) = (pad(a.shape), pad(b.shape))
        let batch = zip(aBatch, bBatch).map { max($0, $1) }
        shape = batch + [m, n]
        var values: [Double] = []
        var bounds: [Double] = []
        for flat in 0..<batch.reduce(1, *) {
            var index = [Int](repeating: 0, count: batchRank)
            var rest = flat
            for d in stride(from: batchRank - 1, through: 0, by: -1) {
                index[d] = rest % batch[d]
                rest /= batch[d]
            }
            let ai = Array(zip(index, aBatch).map { $1 == 1 ? 0 : $0 }.suffix(a.shape.count - 2))
            let bi = Array(zip(index, bBatch).map { $1 == 1 ? 0 : $0 }.suffix(b.shape.count - 2))
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0
                    var magnitude = 0.0
                    for p in 0..<k {
                        let term = Double(a.element(ai + [i, p])) * Double(b.element(bi + [p, j]))
                        sum += term
                        magnitude += abs(term)
                    }
                    values.append(sum)
                    bounds.append(1e-5 * (magnitude + 1))
                }
            }
        }
        self.values = values
        self.bounds = bounds
    }

    /// The first few mismatches of `actual` (row-major C), empty when every element is within bound.
    func mismatches(_ actual: [Float]) -> [String] {
        guard actual.count == values.count else { return ["\(actual.count) elements, expected \(values.count)"] }
        var out: [String] = []
        for i in values.indices where !(abs(Double(actual[i]) - values[i]) <= bounds[i]) {
            out.append("element \(i): \(actual[i]), expected \(values[i])")
            if out.count == 5 { break }
        }
        return out
    }
}

/// Uploads operands, runs one launch on PoCL (or whatever gpu(0) is), and reads C back.
enum MatmulHarness {
    /// The tuned kernel with `tiles` (forced past the size heuristic); nil when it declined the operands.
    static func sgemm(_ a: HostOperand, _ b: HostOperand, tiles: SgemmTiles, on testbed: OpenCLTestbed) throws -> [Float]? {
        try run(a, b, on: testbed) { args, refs, output in
            try Sgemm.enqueue(
                args, a: refs[0], b: refs[1], output: output, tiles: tiles, kernels: testbed.kernels, queue: testbed.queue,
                waitFor: [], op: "matmul", force: true)
        }
    }

    /// The engine's own path (`OpenCLKernels.enqueue(.matmul)`): tuned or general, as it decides.
    static func engine(_ a: HostOperand, _ b: HostOperand, on testbed: OpenCLTestbed) throws -> [Float]? {
        try run(a, b, on: testbed) { _, refs, output in
            try testbed.kernels.enqueue(.matmul, inputs: refs, output: output, queue: testbed.queue, waitFor: [])
        }
    }

    /// Batch dimensions broadcast (NumPy rules), then M × N.
    static func productShape(_ a: HostOperand, _ b: HostOperand) -> [Int] {
        let rank = max(a.shape.count, b.shape.count) - 2
        let pad = { (s: [Int]) in [Int](repeating: 1, count: rank - (s.count - 2)) + s.dropLast(2) }
        return zip(pad(a.shape), pad(b.shape)).map { max($0, $1) } + [a.shape[a.shape.count - 2], b.shape[b.shape.count - 1]]
    }

    private static func run(
        _ a: HostOperand, _ b: HostOperand, on testbed: OpenCLTestbed,
        launch: (MatmulArguments, [CLArrayRef], CLArrayRef) throws -> CLEvent?
    ) throws -> [Float]? {
        let product = productShape(a, b)
        let upload = { (x: HostOperand) throws -> CLMemory in
            try testbed.upload(x.storage.withUnsafeBytes { Array($0) })
        }
        let (ma, mb) = (try upload(a), try upload(b))
        let count = product.reduce(1, *)
        let output = try CLMemory(context: testbed.context, bytes: max(count, 1) * 4)
        let refs = [
            CLArrayRef(memory: ma.handle, offset: a.offset, shape: a.shape, strides: a.strides, dtype: .float32),
            CLArrayRef(memory: mb.handle, offset: b.offset, shape: b.shape, strides: b.strides, dtype: .float32),
        ]
        let out = CLArrayRef(memory: output.handle, shape: product, dtype: .float32)
        let args = try MatmulArguments(refs[0], refs[1], output: out, op: "matmul")
        guard let event = try launch(args, refs, out) else { return nil }
        let bytes = try testbed.download(output, count: count * 4, after: event)
        withExtendedLifetime((ma, mb)) {}
        return bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}

/// One matmul launch's sizes and strides, checked once and shared by both kernels: the general one
/// (`MatmulSource`) and the tuned float32 one (`SgemmSource`). `words` is the C struct `matmul_t`.
struct MatmulArguments {
    let m: Int
    let n: Int
    let k: Int
    let batchShape: [Int]
    /// Batch strides of A and B broadcast to `batchShape` (0 where an operand is broadcast or the size is 1).
    let aBatch: [Int]
    let bBatch: [Int]
    let aOffset: Int
    let bOffset: Int
    let aRow: Int
    let aCol: Int
    let bRow: Int
    let bCol: Int

    init(_ a: CLArrayRef, _ b: CLArrayRef, output: CLArrayRef, op: String) throws(EngineError) {
        let rank = output.shape.count
        guard rank >= 2, a.shape.count >= 2, b.shape.count >= 2 else {
            throw .shape(op, "expects operands of rank ≥ 2, got \(formatShape(a.shape)) × \(formatShape(b.shape))")
        }
        m = output.shape[rank - 2]
        n = output.shape[rank - 1]
        k = a.shape[a.shape.count - 1]
        guard a.shape[a.shape.count - 2] == m, b.shape[b.shape.count - 1] == n, b.shape[b.shape.count - 2] == k else {
            throw .shape(op, "\(formatShape(a.shape)) × \(formatShape(b.shape)) does not give \(formatShape(output.shape))")
        }
        let batchShape = Array(output.shape[..<(rank - 2)])
        self.batchShape = batchShape
        guard batchShape.count <= 8 else { throw .shape(op, "the OpenCL kernel takes at most 8 batch dimensions") }
        let unit = { (strides: [Int]) in zip(strides, batchShape).map { $1 == 1 ? 0 : $0 } }
        aBatch = unit(Loops.broadcastStrides(Array(a.shape.dropLast(2)), Array(a.strides.dropLast(2)), to: batchShape))
        bBatch = unit(Loops.broadcastStrides(Array(b.shape.dropLast(2)), Array(b.strides.dropLast(2)), to: batchShape))
        aOffset = a.offset
        bOffset = b.offset
        // A stride along a dimension of size 1 is never used: 0 keeps the alignment checks honest.
        aRow = m == 1 ? 0 : a.strides[a.shape.count - 2]
        aCol = k == 1 ? 1 : a.strides[a.shape.count - 1]
        bRow = k == 1 ? 0 : b.strides[b.shape.count - 2]
        bCol = n == 1 ? 1 : b.strides[b.shape.count - 1]
    }

    var batchCount: Int { Shape.count(batchShape) }

    /// `matmul_t` as 34 `long`s.
    var words: [Int64] {
        var words = [Int64](repeating: 0, count: 10 + 3 * 8)
        for (i, v) in [m, n, k, batchShape.count, aOffset, bOffset, aRow, aCol, bRow, bCol].enumerated() { words[i] = Int64(v) }
        for d in batchShape.indices {
            words[10 + d] = Int64(batchShape[d])
            words[18 + d] = Int64(aBatch[d])
            words[26 + d] = Int64(bBatch[d])
        }
        return words
    }
}

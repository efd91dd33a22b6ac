import CCBLAS

/// Batched matrix products: float32 through `cblas_sgemm`, float16 through float32, integers and
/// bools by a blocked loop. Batch dimensions broadcast; each operand's last two dimensions are
/// passed to BLAS as they lie in memory (row-major, or transposed) when possible, copied otherwise.
enum MatmulKernels {
    struct Operand {
        let data: ArrayData
        let shape: [Int]
        /// BLAS view of the last two dimensions.
        let transposed: Bool
        let leading: Int
    }

    /// Reads an operand's matrix layout; copies to contiguous when neither orientation fits BLAS.
    static func operand(_ x: ArrayData, _ shape: [Int], type: DType) throws(EngineError) -> Operand {
        let rank = shape.count
        let rows = shape[rank - 2]
        let columns = shape[rank - 1]
        let rowStride = x.strides[rank - 2]
        let columnStride = x.strides[rank - 1]
        if (columnStride == 1 || columns == 1) && rowStride >= max(columns, 1) {
            return Operand(data: x, shape: shape, transposed: false, leading: rowStride)
        }
        if (rowStride == 1 || rows == 1) && columnStride >= max(rows, 1) {
            return Operand(data: x, shape: shape, transposed: true, leading: columnStride)
        }
        let copy = try LayoutKernels.contiguous(x, shape, type: type, op: "matmul")
        return Operand(data: copy, shape: shape, transposed: false, leading: max(columns, 1))
    }

    static func matmul(
        _ a: ArrayData, _ aShape: [Int], _ b: ArrayData, _ bShape: [Int], type: DType, shape: [Int], out: Buffer
    ) throws(EngineError) {
        let rank = shape.count
        let m = shape[rank - 2]
        let n = shape[rank - 1]
        let k = aShape[aShape.count - 1]
        let batchShape = Array(shape[..<(rank - 2)])
        let batches = Shape.count(batchShape)
        if m == 0 || n == 0 || batches == 0 { return }

        switch type {
        case .float32:
            let lhs = try operand(a, aShape, type: type)
            let rhs = try operand(b, bShape, type: type)
            let aBatch = batchStrides(lhs, batchShape)
            let bBatch = batchStrides(rhs, batchShape)
            let c = out.typed(Float.self)
            for batch in 0..<batches {
                let pa = lhs.data.pointer(as: Float.self) + offset(batch, batchShape, aBatch)
                let pb = rhs.data.pointer(as: Float.self) + offset(batch, batchShape, bBatch)
                sgemm(lhs, pa, rhs, pb, m: m, n: n, k: k, c: c + batch * m * n)
            }
        case .float16:
            // Widen to float32, multiply with BLAS, narrow back.
            let wideC = try Runtime.shared.cpuPool.allocate(Shape.count(shape) * 4, op: "matmul")
            try matmul(
                converted(a, aShape, from: .float16, to: .float32), aShape,
                converted(b, bShape, from: .float16, to: .float32), bShape, type: .float32, shape: shape, out: wideC)
            let cData = ArrayData(buffer: wideC, offset: 0, strides: Shape.contiguousStrides(shape))
            ElementwiseKernels.cast(cData, shape, from: .float32, to: .float16, shape: shape, out: out)
        case .int32:
            try integer(a, aShape, b, bShape, Int32.self, shape: shape, out: out.typed(Int32.self))
        case .int64:
            try integer(a, aShape, b, bShape, Int64.self, shape: shape, out: out.typed(Int64.self))
        case .bool:
            // NumPy's boolean product: c = OR over k of (a AND b).
            let wide = try Runtime.shared.cpuPool.allocate(Shape.count(shape) * 4, op: "matmul")
            try integer(
                converted(a, aShape, from: .bool, to: .int32), aShape, converted(b, bShape, from: .bool, to: .int32),
                bShape, Int32.self, shape: shape, out: wide.typed(Int32.self))
            let w = wide.typed(Int32.self)
            let o = out.typed(Bool.self)
            for i in 0..<Shape.count(shape) { o[i] = w[i] != 0 }
        }
    }

    /// A contiguous copy of `x` in another dtype, from the pool.
    private static func converted(_ x: ArrayData, _ shape: [Int], from: DType, to: DType) throws(EngineError) -> ArrayData {
        let buffer = try Runtime.shared.cpuPool.allocate(Shape.count(shape) * to.size, op: "matmul")
        ElementwiseKernels.cast(x, shape, from: from, to: to, shape: shape, out: buffer)
        return ArrayData(buffer: buffer, offset: 0, strides: Shape.contiguousStrides(shape))
    }

    private static func sgemm(
        _ lhs: Operand, _ pa: UnsafeMutablePointer<Float>, _ rhs: Operand, _ pb: UnsafeMutablePointer<Float>,
        m: Int, n: Int, k: Int, c: UnsafeMutablePointer<Float>
    ) {
        if k == 0 {
            c.initialize(repeating: 0, count: m * n)
            return
        }
        cblas_sgemm(
            CblasRowMajor, lhs.transposed ? CblasTrans : CblasNoTrans, rhs.transposed ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, pa, Int32(lhs.leading), pb, Int32(rhs.leading), 0, c, Int32(n))
    }

    /// Element strides of an operand's batch dimensions, broadcast to the output's batch shape.
    private static func batchStrides(_ x: Operand, _ batchShape: [Int]) -> [Int] {
        let rank = x.shape.count
        return Loops.broadcastStrides(Array(x.shape[..<(rank - 2)]), Array(x.data.strides[..<(rank - 2)]), to: batchShape)
    }

    private static func offset(_ batch: Int, _ batchShape: [Int], _ strides: [Int]) -> Int {
        var rest = batch
        var offset = 0
        for d in stride(from: batchShape.count - 1, through: 0, by: -1) {
            offset += (rest % batchShape[d]) * strides[d]
            rest /= batchShape[d]
        }
        return offset
    }

    /// i-k-j loop over contiguous copies, rows split across cores; wraps on overflow like NumPy.
    private static func integer<T: Element & FixedWidthInteger>(
        _ a: ArrayData, _ aShape: [Int], _ b: ArrayData, _ bShape: [Int], _ t: T.Type, shape: [Int],
        out: UnsafeMutablePointer<T>
    ) throws(EngineError) {
        let rank = shape.count
        let m = shape[rank - 2]
        let n = shape[rank - 1]
        let k = aShape[aShape.count - 1]
        let batchShape = Array(shape[..<(rank - 2)])
        let ca = try LayoutKernels.contiguous(a, aShape, type: T.dtype, op: "matmul")
        let cb = try LayoutKernels.contiguous(b, bShape, type: T.dtype, op: "matmul")
        let aBatch = Loops.broadcastStrides(Array(aShape[..<(aShape.count - 2)]), Array(Shape.contiguousStrides(aShape)[..<(aShape.count - 2)]), to: batchShape)
        let bBatch = Loops.broadcastStrides(Array(bShape[..<(bShape.count - 2)]), Array(Shape.contiguousStrides(bShape)[..<(bShape.count - 2)]), to: batchShape)
        let pa = UncheckedSendable(ca.pointer(as: T.self))
        let pb = UncheckedSendable(cb.pointer(as: T.self))
        let pc = UncheckedSendable(out)
        for batch in 0..<Shape.count(batchShape) {
            let oa = offset(batch, batchShape, aBatch)
            let ob = offset(batch, batchShape, bBatch)
            let oc = batch * m * n
            Parallel.forRanges(m, grain: max(1, cheapGrain / max(n * max(k, 1), 1))) { rows in
                for i in rows {
                    let row = pc.value + oc + i * n
                    row.initialize(repeating: 0, count: n)
                    for p in 0..<k {
                        let av = pa.value[oa + i * k + p]
                        let brow = pb.value + ob + p * n
                        for j in 0..<n { row[j] = row[j] &+ av &* brow[j] }
                    }
                }
            }
        }
    }
}

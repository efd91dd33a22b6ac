/// Matrix product with NumPy semantics: 1-D operands are promoted (and the added dimension removed
/// afterwards), batch dimensions broadcast. float32 runs on OpenBLAS `cblas_sgemm`.
public func matmul(_ a: Tensor, _ b: Tensor, stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let stream = try Builder.stream(placement, "matmul")
    guard a.ndim >= 1, b.ndim >= 1 else {
        throw .shape("matmul", "\(formatShape(a.shape)) × \(formatShape(b.shape)): 0-d arrays have no matrix dimensions (\(a.dtype), \(b.dtype))")
    }
    let lhsShape = a.ndim == 1 ? [1, a.shape[0]] : a.shape
    let rhsShape = b.ndim == 1 ? [b.shape[0], 1] : b.shape
    let k = lhsShape[lhsShape.count - 1]
    let kb = rhsShape[rhsShape.count - 2]
    guard k == kb else {
        throw .shape("matmul", "\(formatShape(a.shape)) × \(formatShape(b.shape)): inner dimensions \(k) and \(kb) differ (\(a.dtype), \(b.dtype))")
    }
    let batchA = Array(lhsShape.dropLast(2))
    let batchB = Array(rhsShape.dropLast(2))
    let batch: [Int]
    do {
        batch = try Shape.broadcast([batchA, batchB], op: "matmul")
    } catch {
        throw .shape("matmul", "\(formatShape(a.shape)) × \(formatShape(b.shape)): batch dimensions \(formatShape(batchA)) and \(formatShape(batchB)) cannot be broadcast (\(a.dtype), \(b.dtype))")
    }
    let dtype = DType.promote(a.dtype, b.dtype)
    let lhs = a.ndim == 1 ? try reshape(a, lhsShape, stream: .stream(stream)) : a
    let rhs = b.ndim == 1 ? try reshape(b, rhsShape, stream: .stream(stream)) : b
    let m = lhsShape[lhsShape.count - 2]
    let n = rhsShape[rhsShape.count - 1]
    let product = try Builder.node(
        .matmul, [try Builder.cast(lhs, to: dtype, stream: stream), try Builder.cast(rhs, to: dtype, stream: stream)],
        shape: batch + [m, n], dtype: dtype, stream: stream)
    // Drop the dimensions that 1-D promotion added.
    var finalShape = batch
    if a.ndim > 1 { finalShape.append(m) }
    if b.ndim > 1 { finalShape.append(n) }
    return finalShape == product.shape ? product : try reshape(product, finalShape, stream: .stream(stream))
}

extension Tensor {
    public func matmul(_ other: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try Engine.matmul(self, other, stream: stream)
    }
}

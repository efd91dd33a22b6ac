/// Shape manipulation. Reshape, transpose, slices and broadcasts are views over the same buffer
/// when the layout allows (no copy); concatenate and stack copy.

/// A new shape with the same element count; one dimension may be -1 (inferred).
public func reshape(_ x: Tensor, _ shape: [Int], stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let stream = try Builder.stream(placement, "reshape")
    var resolved = shape
    let inferred = shape.indices.filter { shape[$0] == -1 }
    guard inferred.count <= 1, shape.allSatisfy({ $0 >= -1 }) else {
        throw .shape("reshape", "invalid target shape \(formatShape(shape)) for \(describe(x.shape, x.dtype)): at most one -1 and no other negative dimension")
    }
    // Shape.count traps on overflow: refuse a target whose known dimensions overflow Int.
    var known = 1
    for (i, d) in shape.enumerated() where !inferred.contains(i) {
        let (product, overflow) = known.multipliedReportingOverflow(by: d)
        guard !overflow else {
            throw .shape("reshape", "cannot reshape array of size \(x.size) \(describe(x.shape, x.dtype)) into shape \(formatShape(shape))")
        }
        known = product
    }
    if let i = inferred.first {
        let known = Shape.count(shape.enumerated().filter { $0.offset != i }.map(\.element))
        guard known > 0, x.size % known == 0 else {
            throw .shape("reshape", "cannot reshape array of size \(x.size) \(describe(x.shape, x.dtype)) into shape \(formatShape(shape))")
        }
        resolved[i] = x.size / known
    }
    guard Shape.count(resolved) == x.size else {
        throw .shape("reshape", "cannot reshape array of size \(x.size) \(describe(x.shape, x.dtype)) into shape \(formatShape(shape))")
    }
    if resolved == x.shape { return x }
    return try Builder.node(.reshape, [x], shape: resolved, dtype: x.dtype, stream: stream)
}

/// Permutes axes (reverses them when none are given).
public func transpose(_ x: Tensor, _ axes: [Int]? = nil, stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let stream = try Builder.stream(placement, "transpose")
    let permutation: [Int]
    if let axes {
        guard axes.count == x.ndim else {
            throw .axis("transpose", "axes \(axes) do not match \(x.ndim) dimensions of \(describe(x.shape, x.dtype))")
        }
        permutation = try axes.map { axis throws(EngineError) in try Builder.axis(axis, rank: x.ndim, of: x, op: "transpose") }
        guard Set(permutation).count == x.ndim else {
            throw .axis("transpose", "axes \(axes) repeat an axis of \(describe(x.shape, x.dtype))")
        }
    } else {
        permutation = Array((0..<x.ndim).reversed())
    }
    if permutation == Array(0..<x.ndim) { return x }
    return try Builder.node(.transpose(permutation: permutation), [x], shape: permutation.map { x.shape[$0] }, dtype: x.dtype, stream: stream)
}

public func swapAxes(_ x: Tensor, _ a: Int, _ b: Int, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let i = try Builder.axis(a, rank: x.ndim, of: x, op: "swapaxes")
    let j = try Builder.axis(b, rank: x.ndim, of: x, op: "swapaxes")
    var permutation = Array(0..<x.ndim)
    permutation.swapAt(i, j)
    return try transpose(x, permutation, stream: stream)
}

/// Broadcasts to `shape` (a view with zero strides).
public func broadcast(_ x: Tensor, to shape: [Int], stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let stream = try Builder.stream(placement, "broadcast")
    let target: [Int]
    do {
        target = try Shape.broadcast([x.shape, shape], op: "broadcast")
    } catch {
        throw .shape("broadcast", "cannot broadcast \(describe(x.shape, x.dtype)) to \(formatShape(shape))")
    }
    guard target == shape else { throw .shape("broadcast", "cannot broadcast \(describe(x.shape, x.dtype)) to \(formatShape(shape))") }
    // The element count must fit an Int (Shape.count would trap when the result is evaluated).
    var count = 1
    for d in shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: d)
        guard !overflow else { throw .shape("broadcast", "cannot broadcast \(describe(x.shape, x.dtype)) to \(formatShape(shape)): too many elements") }
        count = product
    }
    if shape == x.shape { return x }
    return try Builder.node(.broadcast, [x], shape: shape, dtype: x.dtype, stream: stream)
}

/// Removes size-1 axes (all of them when none are given).
public func squeeze(_ x: Tensor, axes: [Int]? = nil, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let drop: [Int]
    if let axes {
        drop = try Builder.axes(axes, rank: x.ndim, of: x, op: "squeeze")
        for axis in drop where x.shape[axis] != 1 {
            throw .shape("squeeze", "cannot squeeze axis \(axis) of size \(x.shape[axis]) in \(describe(x.shape, x.dtype))")
        }
    } else {
        drop = x.shape.indices.filter { x.shape[$0] == 1 }
    }
    return try reshape(x, x.shape.indices.filter { !drop.contains($0) }.map { x.shape[$0] }, stream: stream)
}

/// Inserts size-1 axes at the given positions of the result.
public func expandDims(_ x: Tensor, axes: [Int], stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let rank = x.ndim + axes.count
    let positions = try Builder.axes(axes, rank: rank, of: x, op: "expand_dims")
    var shape: [Int] = []
    var source = x.shape.makeIterator()
    for i in 0..<rank { shape.append(positions.contains(i) ? 1 : source.next()!) }
    return try reshape(x, shape, stream: stream)
}

public func expandDims(_ x: Tensor, axis: Int, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try expandDims(x, axes: [axis], stream: stream)
}

/// Merges axes `start…end` into one.
public func flatten(_ x: Tensor, start: Int = 0, end: Int = -1, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    if x.ndim == 0 { return try reshape(x, [1], stream: stream) }
    let s = try Builder.axis(start, rank: x.ndim, of: x, op: "flatten")
    let e = try Builder.axis(end, rank: x.ndim, of: x, op: "flatten")
    guard s <= e else { throw .axis("flatten", "start axis \(start) is after end axis \(end) for \(describe(x.shape, x.dtype))") }
    let shape = Array(x.shape[..<s]) + [Shape.count(Array(x.shape[s...e]))] + Array(x.shape[(e + 1)...])
    return try reshape(x, shape, stream: stream)
}

/// Joins arrays along an existing axis; dtypes promote.
public func concatenate(_ arrays: [Tensor], axis: Int = 0, stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let stream = try Builder.stream(placement, "concatenate")
    guard let first = arrays.first else { throw .argument("concatenate", "needs at least one array") }
    guard first.ndim > 0 else { throw .shape("concatenate", "zero-dimensional arrays cannot be concatenated (\(describe(first.shape, first.dtype)))") }
    let a = try Builder.axis(axis, rank: first.ndim, of: first, op: "concatenate")
    var shape = first.shape
    shape[a] = 0
    var dtype = first.dtype
    for x in arrays {
        let ok = x.ndim == first.ndim && x.shape.indices.allSatisfy { $0 == a || x.shape[$0] == first.shape[$0] }
        guard ok else {
            let list = arrays.map { describe($0.shape, $0.dtype) }.joined(separator: ", ")
            throw .shape("concatenate", "all dimensions must match except axis \(axis): \(list)")
        }
        shape[a] += x.shape[a]
        dtype = DType.promote(dtype, x.dtype)
    }
    if arrays.count == 1 { return try Builder.cast(first, to: dtype, stream: stream) }
    var inputs: [Tensor] = []
    for x in arrays { inputs.append(try Builder.cast(x, to: dtype, stream: stream)) }
    return try Builder.node(.concatenate(axis: a), inputs, shape: shape, dtype: dtype, stream: stream)
}

/// Joins equally shaped arrays along a new axis.
public func stack(_ arrays: [Tensor], axis: Int = 0, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    guard let first = arrays.first else { throw .argument("stack", "needs at least one array") }
    for x in arrays where x.shape != first.shape {
        let list = arrays.map { describe($0.shape, $0.dtype) }.joined(separator: ", ")
        throw .shape("stack", "all arrays must have the same shape: \(list)")
    }
    let a = try Builder.axis(axis, rank: first.ndim + 1, of: first, op: "stack")
    return try concatenate(arrays.map { x throws(EngineError) in try expandDims(x, axis: a, stream: stream) }, axis: a, stream: stream)
}

/// A copy in another dtype (floats to ints truncate toward zero; NaN becomes 0).
public func astype(_ x: Tensor, _ dtype: DType, stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try Builder.cast(x, to: dtype, stream: try Builder.stream(placement, "astype"))
}

/// A row-contiguous copy of `x`.
public func contiguous(_ x: Tensor, stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try Builder.node(.copy, [x], shape: x.shape, dtype: x.dtype, stream: try Builder.stream(placement, "copy"))
}

extension Tensor {
    public func reshaped(_ shape: [Int], stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try reshape(self, shape, stream: stream)
    }
    public func transposed(_ axes: [Int]? = nil, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try transpose(self, axes, stream: stream)
    }
    /// The matrix transpose of a 2-D array (all axes reversed in general), as NumPy's `.T`.
    public var T: Tensor { get throws(EngineError) { try transpose(self) } }
    public func asType(_ dtype: DType, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try astype(self, dtype, stream: stream)
    }
    public func squeezed(axes: [Int]? = nil, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try squeeze(self, axes: axes, stream: stream)
    }
    public func expandedDims(axis: Int, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try expandDims(self, axis: axis, stream: stream)
    }
    public func flattened(stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try flatten(self, stream: stream)
    }
    public func broadcasted(to shape: [Int], stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try broadcast(self, to: shape, stream: stream)
    }
}

/// Reductions over any axes (all axes when none are given), with `keepDims`.

func reductionShape(_ shape: [Int], axes: [Int], keepDims: Bool) -> [Int] {
    var out: [Int] = []
    for (i, d) in shape.enumerated() {
        if axes.contains(i) {
            if keepDims { out.append(1) }
        } else {
            out.append(d)
        }
    }
    return out
}

private func resolveAxes(_ axes: [Int]?, _ x: Tensor, _ op: String) throws(EngineError) -> [Int] {
    guard let axes else { return Array(0..<x.ndim) }
    return try Builder.axes(axes, rank: x.ndim, of: x, op: op)
}

private func reduce(
    _ op: ReduceOp, _ x: Tensor, axes: [Int]?, keepDims: Bool, stream placement: StreamOrDevice
) throws(EngineError) -> Tensor {
    let name = op.rawValue
    let axes = try resolveAxes(axes, x, name)
    let stream = try Builder.stream(placement, name)
    if op == .max || op == .min, axes.contains(where: { x.shape[$0] == 0 }) {
        throw .shape(name, "cannot reduce an empty axis of \(describe(x.shape, x.dtype)): there is no identity")
    }
    var input = x
    var outType = x.dtype
    switch op {
    case .all, .any:
        input = try Builder.cast(x, to: .bool, stream: stream)
        outType = .bool
    case .sum, .prod:
        if x.dtype == .bool {
            input = try Builder.cast(x, to: .int32, stream: stream)
            outType = .int32
        }
    case .max, .min:
        break
    }
    let shape = reductionShape(x.shape, axes: axes, keepDims: keepDims)
    return try Builder.node(.reduce(op, axes: axes), [input], shape: shape, dtype: outType, stream: stream)
}

public func sum(_ x: Tensor, axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try reduce(.sum, x, axes: axes, keepDims: keepDims, stream: stream)
}
public func prod(_ x: Tensor, axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try reduce(.prod, x, axes: axes, keepDims: keepDims, stream: stream)
}
public func max(_ x: Tensor, axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try reduce(.max, x, axes: axes, keepDims: keepDims, stream: stream)
}
public func min(_ x: Tensor, axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try reduce(.min, x, axes: axes, keepDims: keepDims, stream: stream)
}
public func all(_ x: Tensor, axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try reduce(.all, x, axes: axes, keepDims: keepDims, stream: stream)
}
public func any(_ x: Tensor, axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try reduce(.any, x, axes: axes, keepDims: keepDims, stream: stream)
}

/// Mean over axes; integer and bool inputs give float32 (as MLX). An empty reduction gives NaN.
public func mean(_ x: Tensor, axes: [Int]? = nil, keepDims: Bool = false, stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let resolved = try resolveAxes(axes, x, "mean")
    let stream = try Builder.stream(placement, "mean")
    let dtype = x.dtype.floatingResult
    // float16 sums and divides in float32: a count above 65504 is inf in float16 (mean → 0),
    // and the sum of many float16 values can leave float16's range even when the mean does not.
    let accumulator: DType = dtype == .float16 ? .float32 : dtype
    let total = try reduce(.sum, try Builder.cast(x, to: accumulator, stream: stream), axes: resolved, keepDims: keepDims, stream: .stream(stream))
    let count = Shape.count(resolved.map { x.shape[$0] })
    let divisor = try Builder.constant(.float(Double(count)), dtype: accumulator, op: "mean")
    return try Builder.cast(try binary(.divide, total, divisor, .stream(stream)), to: dtype, stream: stream)
}

private func argReduce(_ op: ArgReduceOp, _ x: Tensor, axis: Int?, keepDims: Bool, _ placement: StreamOrDevice) throws(EngineError) -> Tensor {
    let name = op.rawValue
    let stream = try Builder.stream(placement, name)
    guard let axis else {
        // Check here so the message names the caller's shape, not the flattened one.
        guard x.size > 0 else {
            throw .shape(name, "cannot take \(name) of an empty array \(describe(x.shape, x.dtype))")
        }
        let flat = try reshape(x, [-1], stream: .stream(stream))
        let result = try argReduce(op, flat, axis: 0, keepDims: false, .stream(stream))
        return keepDims ? try reshape(result, [Int](repeating: 1, count: x.ndim), stream: .stream(stream)) : result
    }
    let a = try Builder.axis(axis, rank: x.ndim, of: x, op: name)
    guard x.shape[a] > 0 else {
        throw .shape(name, "cannot take \(name) of an empty axis \(axis) of \(describe(x.shape, x.dtype))")
    }
    let shape = reductionShape(x.shape, axes: [a], keepDims: keepDims)
    return try Builder.node(.argReduce(op, axis: a), [x], shape: shape, dtype: .int32, stream: stream)
}

/// Index (int32) of the first maximum along `axis` (of the flattened array when nil).
public func argmax(_ x: Tensor, axis: Int? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try argReduce(.argmax, x, axis: axis, keepDims: keepDims, stream)
}
public func argmin(_ x: Tensor, axis: Int? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try argReduce(.argmin, x, axis: axis, keepDims: keepDims, stream)
}

/// Softmax normalised over `axes` (over all elements when nil, as MLX).
public func softmax(_ x: Tensor, axes: [Int]? = nil, stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let resolved = try resolveAxes(axes, x, "softmax")
    let stream = try Builder.stream(placement, "softmax")
    let dtype = x.dtype.floatingResult
    return try Builder.node(.softmax(axes: resolved), [try Builder.cast(x, to: dtype, stream: stream)], shape: x.shape, dtype: dtype, stream: stream)
}

public func softmax(_ x: Tensor, axis: Int, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try softmax(x, axes: [axis], stream: stream)
}

/// log(sum(exp(x))) over `axes`, computed stably.
public func logsumexp(_ x: Tensor, axes: [Int]? = nil, keepDims: Bool = false, stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let resolved = try resolveAxes(axes, x, "logsumexp")
    let stream = try Builder.stream(placement, "logsumexp")
    let dtype = x.dtype.floatingResult
    let shape = reductionShape(x.shape, axes: resolved, keepDims: keepDims)
    return try Builder.node(.logsumexp(axes: resolved), [try Builder.cast(x, to: dtype, stream: stream)], shape: shape, dtype: dtype, stream: stream)
}

extension Tensor {
    public func sum(axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try Engine.sum(self, axes: axes, keepDims: keepDims, stream: stream)
    }
    public func sum(axis: Int, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try Engine.sum(self, axes: [axis], keepDims: keepDims, stream: stream)
    }
    public func mean(axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try Engine.mean(self, axes: axes, keepDims: keepDims, stream: stream)
    }
    public func mean(axis: Int, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try Engine.mean(self, axes: [axis], keepDims: keepDims, stream: stream)
    }
    public func max(axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try Engine.max(self, axes: axes, keepDims: keepDims, stream: stream)
    }
    public func min(axes: [Int]? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try Engine.min(self, axes: axes, keepDims: keepDims, stream: stream)
    }
    public func argmax(axis: Int? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try Engine.argmax(self, axis: axis, keepDims: keepDims, stream: stream)
    }
    public func argmin(axis: Int? = nil, keepDims: Bool = false, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        try Engine.argmin(self, axis: axis, keepDims: keepDims, stream: stream)
    }
}

/// Arrays made from nothing: fills, ranges, identity. All lazy — nothing is computed before `eval`.

/// Non-negative dimensions whose product fits an Int (shared with the random ops).
func checkShape(_ shape: [Int], _ op: String) throws(EngineError) {
    guard shape.allSatisfy({ $0 >= 0 }) else { throw .shape(op, "negative dimension in shape \(formatShape(shape))") }
    // The element count must fit an Int (Shape.count would trap on overflow).
    var count = 1
    for d in shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: d)
        guard !overflow else { throw .shape(op, "shape \(formatShape(shape)) has too many elements") }
        count = product
    }
}

public func zeros(_ shape: [Int], dtype: DType = .float32, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try full(shape, .int(0), dtype: dtype, op: "zeros", stream: stream)
}

public func ones(_ shape: [Int], dtype: DType = .float32, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try full(shape, .int(1), dtype: dtype, op: "ones", stream: stream)
}

/// An array filled with `value`; its dtype follows the value (Int → int32, Double → float32) unless given.
public func full(_ shape: [Int], _ value: Int, dtype: DType? = nil, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try full(shape, .int(Int64(value)), dtype: dtype ?? .int32, op: "full", stream: stream)
}

public func full(_ shape: [Int], _ value: Double, dtype: DType? = nil, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try full(shape, .float(value), dtype: dtype ?? .float32, op: "full", stream: stream)
}

public func full(_ shape: [Int], _ value: Bool, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try full(shape, .bool(value), dtype: .bool, op: "full", stream: stream)
}

private func full(_ shape: [Int], _ value: Scalar, dtype: DType, op: String, stream: StreamOrDevice) throws(EngineError) -> Tensor {
    try checkShape(shape, op)
    return try Builder.node(.full(value), [], shape: shape, dtype: dtype, stream: try Builder.stream(stream, op), op: op)
}

public func zerosLike(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try zeros(x.shape, dtype: x.dtype, stream: stream)
}

public func onesLike(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try ones(x.shape, dtype: x.dtype, stream: stream)
}

/// Integers `start, start+step, …` below `stop` (int32 unless a dtype is given).
public func arange(_ start: Int, _ stop: Int, step: Int = 1, dtype: DType = .int32, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try arange(Double(start), Double(stop), step: Double(step), dtype: dtype, stream: stream)
}

/// `0, 1, …, stop-1` as int32.
public func arange(_ stop: Int, dtype: DType = .int32, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try arange(0, stop, dtype: dtype, stream: stream)
}

/// Floats `start, start+step, …` below `stop` (float32 unless a dtype is given).
public func arange(_ start: Double, _ stop: Double, step: Double = 1, dtype: DType = .float32, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
        throw .argument("arange", "step must be finite and non-zero and bounds finite (start \(start), stop \(stop), step \(step))")
    }
    let raw = ((stop - start) / step).rounded(.up)
    // Int(_:) traps beyond Int's range: refuse absurd lengths instead of crashing.
    guard raw < 0x1p62 else {
        throw .argument("arange", "too many elements: (\(stop) - \(start)) / \(step) = \(raw)")
    }
    let count = max(0, Int(raw))
    return try Builder.node(.arange(start: start, step: step), [], shape: [count], dtype: dtype, stream: try Builder.stream(stream, "arange"))
}

/// `count` evenly spaced values from `start` to `stop` inclusive.
public func linspace(_ start: Double, _ stop: Double, count: Int = 50, dtype: DType = .float32, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    guard count >= 0 else { throw .argument("linspace", "number of samples \(count) must be non-negative") }
    return try Builder.node(.linspace(start: start, stop: stop), [], shape: [count], dtype: dtype, stream: try Builder.stream(stream, "linspace"))
}

/// An n×m matrix with ones on diagonal `k` (0 = main, > 0 above, < 0 below).
public func eye(_ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType = .float32, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let columns = m ?? n
    guard n >= 0, columns >= 0 else { throw .argument("eye", "dimensions must be non-negative, got \(n)×\(columns)") }
    try checkShape([n, columns], "eye")
    return try Builder.node(.eye(k: k), [], shape: [n, columns], dtype: dtype, stream: try Builder.stream(stream, "eye"))
}

/// The n×n identity.
public func identity(_ n: Int, dtype: DType = .float32, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try eye(n, dtype: dtype, stream: stream)
}

extension Tensor {
    /// A 0-d tensor from a Swift scalar (Int → int32, Double → float32, Bool → bool).
    public convenience init(_ value: Int) throws(EngineError) { try self.init([value], shape: []) }
    public convenience init(_ value: Double) throws(EngineError) { try self.init([value], shape: []) }
    public convenience init(_ value: Bool) throws(EngineError) { try self.init([value], shape: []) }
}

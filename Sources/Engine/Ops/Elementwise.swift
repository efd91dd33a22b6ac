/// Elementwise ops: broadcasting binary arithmetic, comparisons, logic, `where`, and unary math.

public func add(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.add, a, b, stream)
}
public func subtract(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.subtract, a, b, stream)
}
public func multiply(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.multiply, a, b, stream)
}
/// True division: integer inputs give float32, as MLX.
public func divide(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.divide, a, b, stream)
}
/// Floor division (Python's `//`); integer division by zero gives 0.
public func floorDivide(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.floorDivide, a, b, stream)
}
/// Remainder with the divisor's sign (Python's `%`).
public func remainder(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.remainder, a, b, stream)
}
public func pow(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.power, a, b, stream)
}
/// Elementwise maximum; a NaN on either side gives NaN.
public func maximum(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.maximum, a, b, stream)
}
public func minimum(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.minimum, a, b, stream)
}
public func equal(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.equal, a, b, stream)
}
public func notEqual(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.notEqual, a, b, stream)
}
public func less(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.less, a, b, stream)
}
public func lessEqual(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.lessEqual, a, b, stream)
}
public func greater(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.greater, a, b, stream)
}
public func greaterEqual(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.greaterEqual, a, b, stream)
}
public func logicalAnd(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.logicalAnd, a, b, stream)
}
public func logicalOr(_ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    try binary(.logicalOr, a, b, stream)
}

/// The common builder: broadcast shapes, promote dtypes, insert casts, record the node.
func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ placement: StreamOrDevice) throws(EngineError) -> Tensor {
    let name = op.rawValue
    let stream = try Builder.stream(placement, name)
    let shape = try Builder.broadcastShape([a, b], name)
    var common = DType.promote(a.dtype, b.dtype)
    switch op {
    case .divide:
        common = common.floatingResult
    case .logicalAnd, .logicalOr:
        common = .bool
    case .subtract where common == .bool:
        throw .dtype(name, "not supported for bool operands \(describe(a.shape, a.dtype)) and \(describe(b.shape, b.dtype)); use logicalXor-style ops (notEqual) instead")
    case .floorDivide, .remainder, .power:
        if common == .bool { common = .int32 }
    default:
        break
    }
    let outType: DType = op.isComparison || op == .logicalAnd || op == .logicalOr ? .bool : common
    let x = try Builder.cast(a, to: common, stream: stream)
    let y = try Builder.cast(b, to: common, stream: stream)
    return try Builder.node(.binary(op), [x, y], shape: shape, dtype: outType, stream: stream)
}

/// `condition ? a : b` elementwise, all three broadcast together.
public func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor {
    let stream = try Builder.stream(stream, "where")
    let shape = try Builder.broadcastShape([condition, a, b], "where")
    let common = DType.promote(a.dtype, b.dtype)
    let c = try Builder.cast(condition, to: .bool, stream: stream)
    return try Builder.node(
        .select, [c, try Builder.cast(a, to: common, stream: stream), try Builder.cast(b, to: common, stream: stream)],
        shape: shape, dtype: common, stream: stream)
}

func unary(_ op: UnaryOp, _ x: Tensor, _ placement: StreamOrDevice) throws(EngineError) -> Tensor {
    let name = op.rawValue
    let stream = try Builder.stream(placement, name)
    switch op {
    case .negate where x.dtype == .bool:
        throw .dtype(name, "not supported for \(describe(x.shape, x.dtype)); use logicalNot")
    case .negate, .abs, .square:
        return try Builder.node(.unary(op), [x], shape: x.shape, dtype: x.dtype, stream: stream)
    case .logicalNot:
        return try Builder.node(.unary(op), [x], shape: x.shape, dtype: .bool, stream: stream)
    case .exp, .log, .sqrt, .rsqrt, .tanh, .sigmoid, .sin, .cos:
        let dtype = x.dtype.floatingResult
        return try Builder.node(.unary(op), [try Builder.cast(x, to: dtype, stream: stream)], shape: x.shape, dtype: dtype, stream: stream)
    }
}

public func negative(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.negate, x, stream) }
public func abs(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.abs, x, stream) }
public func square(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.square, x, stream) }
public func exp(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.exp, x, stream) }
public func log(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.log, x, stream) }
public func sqrt(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.sqrt, x, stream) }
public func rsqrt(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.rsqrt, x, stream) }
public func tanh(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.tanh, x, stream) }
public func sigmoid(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.sigmoid, x, stream) }
public func sin(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.sin, x, stream) }
public func cos(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.cos, x, stream) }
public func logicalNot(_ x: Tensor, stream: StreamOrDevice = .default) throws(EngineError) -> Tensor { try unary(.logicalNot, x, stream) }

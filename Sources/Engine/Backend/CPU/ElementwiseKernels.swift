import Foundation

/// Unary, binary, select and cast kernels. Inputs of a binary op already share one dtype (the op
/// builder inserted the casts), so each kernel is a switch over that dtype.
enum ElementwiseKernels {
    static func unary(_ op: UnaryOp, _ x: ArrayData, _ xShape: [Int], xType: DType, shape: [Int], out: Buffer, outType: DType) {
        switch (xType, op) {
        case (.float32, _):
            floatUnary(op, x, xShape, shape: shape, out: out, Float.self)
        case (.float16, _):
            floatUnary(op, x, xShape, shape: shape, out: out, Float16.self)
        case (.int32, _):
            intUnary(op, x, xShape, shape: shape, out: out, Int32.self)
        case (.int64, _):
            intUnary(op, x, xShape, shape: shape, out: out, Int64.self)
        case (.bool, .logicalNot):
            Loops.unary(x, xShape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain) { (v: Bool) in !v }
        case (.bool, _):
            // abs and square of bools are the identity; the builder routes everything else elsewhere.
            Loops.unary(x, xShape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain) { (v: Bool) in v }
        }
    }

    private static func floatUnary<T: Element & BinaryFloatingPoint>(
        _ op: UnaryOp, _ x: ArrayData, _ xShape: [Int], shape: [Int], out: Buffer, _ type: T.Type
    ) {
        let o = out.typed(T.self)
        switch op {
        case .negate: Loops.unary(x, xShape, shape: shape, out: o, grain: cheapGrain) { (v: T) in -v }
        case .abs: Loops.unary(x, xShape, shape: shape, out: o, grain: cheapGrain) { (v: T) in Swift.abs(v) }
        case .square: Loops.unary(x, xShape, shape: shape, out: o, grain: cheapGrain) { (v: T) in v * v }
        case .exp: Loops.unary(x, xShape, shape: shape, out: o, grain: mathGrain) { (v: T) in T(Foundation.exp(Float(v))) }
        case .log: Loops.unary(x, xShape, shape: shape, out: o, grain: mathGrain) { (v: T) in T(Foundation.log(Float(v))) }
        case .sqrt: Loops.unary(x, xShape, shape: shape, out: o, grain: cheapGrain) { (v: T) in T(Float(v).squareRoot()) }
        case .rsqrt: Loops.unary(x, xShape, shape: shape, out: o, grain: cheapGrain) { (v: T) in T(1 / Float(v).squareRoot()) }
        case .tanh: Loops.unary(x, xShape, shape: shape, out: o, grain: mathGrain) { (v: T) in T(Foundation.tanh(Float(v))) }
        case .sin: Loops.unary(x, xShape, shape: shape, out: o, grain: mathGrain) { (v: T) in T(Foundation.sin(Float(v))) }
        case .cos: Loops.unary(x, xShape, shape: shape, out: o, grain: mathGrain) { (v: T) in T(Foundation.cos(Float(v))) }
        case .sigmoid:
            Loops.unary(x, xShape, shape: shape, out: o, grain: mathGrain) { (v: T) in
                T(1 / (1 + Foundation.exp(-Float(v))))
            }
        case .logicalNot:
            Loops.unary(x, xShape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain) { (v: T) in v == 0 }
        }
    }

    private static func intUnary<T: Element & FixedWidthInteger & SignedInteger>(
        _ op: UnaryOp, _ x: ArrayData, _ xShape: [Int], shape: [Int], out: Buffer, _ type: T.Type
    ) {
        let o = out.typed(T.self)
        switch op {
        case .negate: Loops.unary(x, xShape, shape: shape, out: o, grain: cheapGrain) { (v: T) in 0 &- v }
        case .abs: Loops.unary(x, xShape, shape: shape, out: o, grain: cheapGrain) { (v: T) in v < 0 ? 0 &- v : v }
        case .square: Loops.unary(x, xShape, shape: shape, out: o, grain: cheapGrain) { (v: T) in v &* v }
        case .logicalNot:
            Loops.unary(x, xShape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain) { (v: T) in v == 0 }
        default:
            preconditionFailure("unary \(op) on integers is cast to float by the builder")
        }
    }

    static func binary(
        _ op: BinaryOp, _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int], inType: DType,
        shape: [Int], out: Buffer
    ) {
        switch inType {
        case .float32: floatBinary(op, x, xShape, y, yShape, shape: shape, out: out, Float.self)
        case .float16: floatBinary(op, x, xShape, y, yShape, shape: shape, out: out, Float16.self)
        case .int32: intBinary(op, x, xShape, y, yShape, shape: shape, out: out, Int32.self)
        case .int64: intBinary(op, x, xShape, y, yShape, shape: shape, out: out, Int64.self)
        case .bool: boolBinary(op, x, xShape, y, yShape, shape: shape, out: out)
        }
    }

    private static func comparison<T: Element & Comparable>(
        _ op: BinaryOp, _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int], shape: [Int], out: Buffer,
        _ type: T.Type
    ) -> Bool {
        let o = out.typed(Bool.self)
        switch op {
        case .equal: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a == b }
        case .notEqual: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a != b }
        case .less: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a < b }
        case .lessEqual: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a <= b }
        case .greater: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a > b }
        case .greaterEqual: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a >= b }
        default: return false
        }
        return true
    }

    private static func floatBinary<T: Element & BinaryFloatingPoint>(
        _ op: BinaryOp, _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int], shape: [Int], out: Buffer,
        _ type: T.Type
    ) {
        if comparison(op, x, xShape, y, yShape, shape: shape, out: out, T.self) { return }
        let o = out.typed(T.self)
        switch op {
        case .add: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a + b }
        case .subtract: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a - b }
        case .multiply: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a * b }
        case .divide: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a / b }
        case .floorDivide:
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in (a / b).rounded(.down) }
        case .remainder:
            // NumPy/Python semantics: the result takes the divisor's sign.
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in
                let r = T(Foundation.fmod(Double(a), Double(b)))
                return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
            }
        case .power:
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: mathGrain) { (a: T, b: T) in
                T(Foundation.pow(Float(a), Float(b)))
            }
        case .maximum:
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in
                a.isNaN || b.isNaN ? T.nan : (a > b ? a : b)
            }
        case .minimum:
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in
                a.isNaN || b.isNaN ? T.nan : (a < b ? a : b)
            }
        default:
            preconditionFailure("binary \(op) on floats is routed by the builder")
        }
    }

    private static func intBinary<T: Element & FixedWidthInteger & SignedInteger>(
        _ op: BinaryOp, _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int], shape: [Int], out: Buffer,
        _ type: T.Type
    ) {
        if comparison(op, x, xShape, y, yShape, shape: shape, out: out, T.self) { return }
        let o = out.typed(T.self)
        switch op {
        case .add: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a &+ b }
        case .subtract: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a &- b }
        case .multiply: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in a &* b }
        case .floorDivide:
            // Integer division by zero gives 0 (as MLX) instead of trapping.
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in
                IntMath.floorDivide(a, b)
            }
        case .remainder:
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in
                IntMath.remainder(a, b)
            }
        case .power:
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in
                IntMath.power(a, b)
            }
        case .maximum: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in Swift.max(a, b) }
        case .minimum: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: T, b: T) in Swift.min(a, b) }
        default:
            preconditionFailure("binary \(op) on integers is routed by the builder")
        }
    }

    private static func boolBinary(
        _ op: BinaryOp, _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int], shape: [Int], out: Buffer
    ) {
        let o = out.typed(Bool.self)
        switch op {
        case .equal: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: Bool, b: Bool) in a == b }
        case .notEqual: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: Bool, b: Bool) in a != b }
        case .less: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: Bool, b: Bool) in !a && b }
        case .lessEqual: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: Bool, b: Bool) in !a || b }
        case .greater: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: Bool, b: Bool) in a && !b }
        case .greaterEqual: Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: Bool, b: Bool) in a || !b }
        case .logicalAnd, .multiply, .minimum:
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: Bool, b: Bool) in a && b }
        case .logicalOr, .add, .maximum:
            Loops.binary(x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain) { (a: Bool, b: Bool) in a || b }
        default:
            preconditionFailure("binary \(op) on bools is rejected by the builder")
        }
    }

    static func select(
        _ c: ArrayData, _ cShape: [Int], _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int],
        type: DType, shape: [Int], out: Buffer
    ) {
        switch type {
        case .bool: Loops.ternary(c, cShape, x, xShape, y, yShape, shape: shape, out: out.typed(Bool.self))
        case .int32: Loops.ternary(c, cShape, x, xShape, y, yShape, shape: shape, out: out.typed(Int32.self))
        case .int64: Loops.ternary(c, cShape, x, xShape, y, yShape, shape: shape, out: out.typed(Int64.self))
        case .float16: Loops.ternary(c, cShape, x, xShape, y, yShape, shape: shape, out: out.typed(Float16.self))
        case .float32: Loops.ternary(c, cShape, x, xShape, y, yShape, shape: shape, out: out.typed(Float.self))
        }
    }

    /// Converts (and, for a same-dtype "cast", copies to contiguous layout).
    static func cast(_ x: ArrayData, _ xShape: [Int], from: DType, to: DType, shape: [Int], out: Buffer) {
        switch from {
        case .bool: cast(x, xShape, Bool.self, to: to, shape: shape, out: out)
        case .int32: cast(x, xShape, Int32.self, to: to, shape: shape, out: out)
        case .int64: cast(x, xShape, Int64.self, to: to, shape: shape, out: out)
        case .float16: cast(x, xShape, Float16.self, to: to, shape: shape, out: out)
        case .float32: cast(x, xShape, Float.self, to: to, shape: shape, out: out)
        }
    }

    private static func cast<S: Element>(_ x: ArrayData, _ xShape: [Int], _ s: S.Type, to: DType, shape: [Int], out: Buffer) {
        // Integers travel through Int64 (exact); anything touching a float travels through Double.
        let viaFloat = S.dtype.isFloatingPoint || to.isFloatingPoint
        switch to {
        case .bool: Loops.unary(x, xShape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain) { (v: S) in v.doubleValue != 0 }
        case .int32:
            if viaFloat {
                Loops.unary(x, xShape, shape: shape, out: out.typed(Int32.self), grain: cheapGrain) { (v: S) in Int32(converting: v.doubleValue) }
            } else {
                Loops.unary(x, xShape, shape: shape, out: out.typed(Int32.self), grain: cheapGrain) { (v: S) in Int32(truncatingIfNeeded: v.int64Value) }
            }
        case .int64:
            if viaFloat {
                Loops.unary(x, xShape, shape: shape, out: out.typed(Int64.self), grain: cheapGrain) { (v: S) in Int64(saturating: v.doubleValue) }
            } else {
                Loops.unary(x, xShape, shape: shape, out: out.typed(Int64.self), grain: cheapGrain) { (v: S) in v.int64Value }
            }
        case .float16:
            Loops.unary(x, xShape, shape: shape, out: out.typed(Float16.self), grain: cheapGrain) { (v: S) in Float16(Float(v.doubleValue)) }
        case .float32:
            Loops.unary(x, xShape, shape: shape, out: out.typed(Float.self), grain: cheapGrain) { (v: S) in Float(v.doubleValue) }
        }
    }
}

/// Integer arithmetic with Python/NumPy semantics that never traps.
enum IntMath {
    @inline(__always)
    static func floorDivide<T: FixedWidthInteger & SignedInteger>(_ a: T, _ b: T) -> T {
        if b == 0 { return 0 }
        if b == -1 { return 0 &- a }
        let q = a / b
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
    }

    @inline(__always)
    static func remainder<T: FixedWidthInteger & SignedInteger>(_ a: T, _ b: T) -> T {
        if b == 0 || b == -1 { return 0 }
        let r = a % b
        return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r
    }

    /// Exponentiation by squaring with wrap-around; negative exponents give 1/aᵇ truncated.
    @inline(__always)
    static func power<T: FixedWidthInteger & SignedInteger>(_ a: T, _ b: T) -> T {
        if b < 0 {
            if a == 1 { return 1 }
            if a == -1 { return (b & 1) == 0 ? 1 : -1 }
            return 0
        }
        var result: T = 1
        var base = a
        var exponent = b
        while exponent > 0 {
            if exponent & 1 == 1 { result = result &* base }
            base = base &* base
            exponent >>= 1
        }
        return result
    }
}

extension Buffer {
    @inline(__always) func typed<T>(_ type: T.Type) -> UnsafeMutablePointer<T> {
        pointer.assumingMemoryBound(to: T.self)
    }
}

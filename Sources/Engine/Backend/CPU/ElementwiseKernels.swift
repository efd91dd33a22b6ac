import Foundation

/// Unary, binary, select and cast kernels. Inputs of a binary op already share one dtype (the op
/// builder inserted the casts), so each kernel is a switch over that dtype that picks a functor
/// type from `Fn` and hands it to the loops in `Loops`.
enum ElementwiseKernels {
    static func unary(_ op: UnaryOp, _ x: ArrayData, _ xShape: [Int], xType: DType, shape: [Int], out: Buffer) {
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
            Loops.unary(Fn.Not.self, x, xShape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain)
        case (.bool, _):
            // abs and square of bools are the identity; the builder routes everything else elsewhere.
            Loops.unary(Fn.Identity<Bool>.self, x, xShape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain)
        }
    }

    private static func floatUnary<T: Element & BinaryFloatingPoint>(
        _ op: UnaryOp, _ x: ArrayData, _ xShape: [Int], shape: [Int], out: Buffer, _ type: T.Type
    ) {
        // Dense float32 exp/log/tanh/sigmoid: the C kernels at the CPU's widest vector width.
        if T.self == Float.self, VectorMath.map(op) != nil {
            let count = Shape.count(shape)
            if Loops.access(x, xShape, count: count) == .dense,
                VectorMath.unary(op, x.pointer(as: Float.self), out.typed(Float.self), count: count)
            {
                return
            }
        }
        let o = out.typed(T.self)
        func run<F: UnaryFunctor>(_ f: F.Type, grain: Int) where F.Out == T {
            Loops.unary(f, x, xShape, shape: shape, out: o, grain: grain)
        }
        switch op {
        case .negate: run(Fn.Negate<T>.self, grain: cheapGrain)
        case .abs: run(Fn.Abs<T>.self, grain: cheapGrain)
        case .square: run(Fn.Square<T>.self, grain: cheapGrain)
        case .exp:
            if T.self == Float.self {
                Loops.unary(Fn.FastExp.self, x, xShape, shape: shape, out: out.typed(Float.self), grain: fastMathGrain)
            } else {
                run(Fn.Exp<T>.self, grain: mathGrain)
            }
        case .log: run(Fn.Log<T>.self, grain: mathGrain)
        case .sqrt: run(Fn.Sqrt<T>.self, grain: cheapGrain)
        case .rsqrt: run(Fn.Rsqrt<T>.self, grain: cheapGrain)
        case .tanh:
            if T.self == Float.self {
                Loops.unary(Fn.FastTanh.self, x, xShape, shape: shape, out: out.typed(Float.self), grain: fastMathGrain)
            } else {
                run(Fn.Tanh<T>.self, grain: mathGrain)
            }
        case .sin: run(Fn.Sin<T>.self, grain: mathGrain)
        case .cos: run(Fn.Cos<T>.self, grain: mathGrain)
        case .sigmoid:
            if T.self == Float.self {
                Loops.unary(Fn.FastSigmoid.self, x, xShape, shape: shape, out: out.typed(Float.self), grain: fastMathGrain)
            } else {
                run(Fn.Sigmoid<T>.self, grain: mathGrain)
            }
        case .logicalNot:
            Loops.unary(Fn.IsZero<T>.self, x, xShape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain)
        }
    }

    private static func intUnary<T: Element & FixedWidthInteger & SignedInteger>(
        _ op: UnaryOp, _ x: ArrayData, _ xShape: [Int], shape: [Int], out: Buffer, _ type: T.Type
    ) {
        let o = out.typed(T.self)
        switch op {
        case .negate: Loops.unary(Fn.IntNegate<T>.self, x, xShape, shape: shape, out: o, grain: cheapGrain)
        case .abs: Loops.unary(Fn.IntAbs<T>.self, x, xShape, shape: shape, out: o, grain: cheapGrain)
        case .square: Loops.unary(Fn.IntSquare<T>.self, x, xShape, shape: shape, out: o, grain: cheapGrain)
        case .logicalNot:
            Loops.unary(Fn.IsZero<T>.self, x, xShape, shape: shape, out: out.typed(Bool.self), grain: cheapGrain)
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
        func run<F: BinaryFunctor>(_ f: F.Type) where F.Out == Bool {
            Loops.binary(f, x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain)
        }
        switch op {
        case .equal: run(Fn.Equal<T>.self)
        case .notEqual: run(Fn.NotEqual<T>.self)
        case .less: run(Fn.Less<T>.self)
        case .lessEqual: run(Fn.LessEqual<T>.self)
        case .greater: run(Fn.Greater<T>.self)
        case .greaterEqual: run(Fn.GreaterEqual<T>.self)
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
        func run<F: BinaryFunctor>(_ f: F.Type, grain: Int = cheapGrain) where F.Out == T {
            Loops.binary(f, x, xShape, y, yShape, shape: shape, out: o, grain: grain)
        }
        switch op {
        case .add: run(Fn.Add<T>.self)
        case .subtract: run(Fn.Subtract<T>.self)
        case .multiply: run(Fn.Multiply<T>.self)
        case .divide: run(Fn.Divide<T>.self)
        case .floorDivide: run(Fn.FloorDivide<T>.self)
        case .remainder: run(Fn.Remainder<T>.self)
        case .power: run(Fn.Power<T>.self, grain: mathGrain)
        case .maximum: run(Fn.Maximum<T>.self)
        case .minimum: run(Fn.Minimum<T>.self)
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
        func run<F: BinaryFunctor>(_ f: F.Type) where F.Out == T {
            Loops.binary(f, x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain)
        }
        switch op {
        case .add: run(Fn.IntAdd<T>.self)
        case .subtract: run(Fn.IntSubtract<T>.self)
        case .multiply: run(Fn.IntMultiply<T>.self)
        // Integer division by zero gives 0 (as MLX) instead of trapping.
        case .floorDivide: run(Fn.IntFloorDivide<T>.self)
        case .remainder: run(Fn.IntRemainder<T>.self)
        case .power: run(Fn.IntPower<T>.self)
        case .maximum: run(Fn.IntMaximum<T>.self)
        case .minimum: run(Fn.IntMinimum<T>.self)
        default:
            preconditionFailure("binary \(op) on integers is routed by the builder")
        }
    }

    private static func boolBinary(
        _ op: BinaryOp, _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int], shape: [Int], out: Buffer
    ) {
        let o = out.typed(Bool.self)
        func run<F: BinaryFunctor>(_ f: F.Type) where F.Out == Bool {
            Loops.binary(f, x, xShape, y, yShape, shape: shape, out: o, grain: cheapGrain)
        }
        switch op {
        case .equal: run(Fn.BoolEqual.self)
        case .notEqual: run(Fn.BoolNotEqual.self)
        case .less: run(Fn.BoolLess.self)
        case .lessEqual: run(Fn.BoolLessEqual.self)
        case .greater: run(Fn.BoolGreater.self)
        case .greaterEqual: run(Fn.BoolGreaterEqual.self)
        case .logicalAnd, .multiply, .minimum: run(Fn.And.self)
        case .logicalOr, .add, .maximum: run(Fn.Or.self)
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
        func run<F: UnaryFunctor>(_ f: F.Type) {
            Loops.unary(f, x, xShape, shape: shape, out: out.typed(F.Out.self), grain: cheapGrain)
        }
        switch to {
        case .bool: run(Fn.ToBool<S>.self)
        case .int32: viaFloat ? run(Fn.ToInt32ViaDouble<S>.self) : run(Fn.ToInt32<S>.self)
        case .int64: viaFloat ? run(Fn.ToInt64ViaDouble<S>.self) : run(Fn.ToInt64<S>.self)
        case .float16: run(Fn.ToFloat16<S>.self)
        case .float32: run(Fn.ToFloat32<S>.self)
        }
    }
}

/// The elementwise operations, one type each (see `UnaryFunctor`, `BinaryFunctor`). Each `apply`
/// is the exact expression the kernels used before, so results are unchanged.
enum Fn {
    // MARK: Unary, any dtype

    struct Identity<T: Element>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { v }
    }

    struct Not: UnaryFunctor {
        @inline(__always) static func apply(_ v: Bool) -> Bool { !v }
    }

    struct IsZero<T: Element & Numeric>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> Bool { v == 0 }
    }

    // MARK: Unary, floats (transcendentals computed in Float, as before)

    struct Negate<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { -v }
    }

    struct Abs<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { Swift.abs(v) }
    }

    struct Square<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { v * v }
    }

    struct Exp<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { T(Foundation.exp(Float(v))) }
    }

    struct Log<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { T(Foundation.log(Float(v))) }
    }

    struct Sqrt<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { T(Float(v).squareRoot()) }
    }

    struct Rsqrt<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { T(1 / Float(v).squareRoot()) }
    }

    struct Tanh<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { T(Foundation.tanh(Float(v))) }
    }

    struct Sin<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { T(Foundation.sin(Float(v))) }
    }

    struct Cos<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { T(Foundation.cos(Float(v))) }
    }

    struct Sigmoid<T: Element & BinaryFloatingPoint>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { T(1 / (1 + Foundation.exp(-Float(v)))) }
    }

    /// float32 only: the vectorisable versions (≤ 2 ulp, see `FastMath`). float16 keeps the
    /// functors above, since rounding a result twice could move it by one float16 ulp.
    struct FastExp: UnaryFunctor {
        @inline(__always) static func apply(_ v: Float) -> Float { FastMath.exp(v) }
    }

    struct FastTanh: UnaryFunctor {
        @inline(__always) static func apply(_ v: Float) -> Float { FastMath.tanh(v) }
    }

    struct FastSigmoid: UnaryFunctor {
        @inline(__always) static func apply(_ v: Float) -> Float { FastMath.sigmoid(v) }
    }

    // MARK: Unary, integers

    struct IntNegate<T: Element & FixedWidthInteger & SignedInteger>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { 0 &- v }
    }

    struct IntAbs<T: Element & FixedWidthInteger & SignedInteger>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { v < 0 ? 0 &- v : v }
    }

    struct IntSquare<T: Element & FixedWidthInteger & SignedInteger>: UnaryFunctor {
        @inline(__always) static func apply(_ v: T) -> T { v &* v }
    }

    // MARK: Casts. Integers travel through Int64 (exact); anything touching a float through Double.

    struct ToBool<S: Element>: UnaryFunctor {
        @inline(__always) static func apply(_ v: S) -> Bool { v.doubleValue != 0 }
    }

    struct ToInt32ViaDouble<S: Element>: UnaryFunctor {
        @inline(__always) static func apply(_ v: S) -> Int32 { Int32(converting: v.doubleValue) }
    }

    struct ToInt32<S: Element>: UnaryFunctor {
        @inline(__always) static func apply(_ v: S) -> Int32 { Int32(truncatingIfNeeded: v.int64Value) }
    }

    struct ToInt64ViaDouble<S: Element>: UnaryFunctor {
        @inline(__always) static func apply(_ v: S) -> Int64 { Int64(saturating: v.doubleValue) }
    }

    struct ToInt64<S: Element>: UnaryFunctor {
        @inline(__always) static func apply(_ v: S) -> Int64 { v.int64Value }
    }

    struct ToFloat16<S: Element>: UnaryFunctor {
        @inline(__always) static func apply(_ v: S) -> Float16 { Float16(Float(v.doubleValue)) }
    }

    struct ToFloat32<S: Element>: UnaryFunctor {
        @inline(__always) static func apply(_ v: S) -> Float { Float(v.doubleValue) }
    }

    // MARK: Comparisons (any ordered dtype; Bool has its own below)

    struct Equal<T: Element & Comparable>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> Bool { a == b }
    }

    struct NotEqual<T: Element & Comparable>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> Bool { a != b }
    }

    struct Less<T: Element & Comparable>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> Bool { a < b }
    }

    struct LessEqual<T: Element & Comparable>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> Bool { a <= b }
    }

    struct Greater<T: Element & Comparable>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> Bool { a > b }
    }

    struct GreaterEqual<T: Element & Comparable>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> Bool { a >= b }
    }

    // MARK: Binary, floats

    struct Add<T: Element & BinaryFloatingPoint>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { a + b }
    }

    struct Subtract<T: Element & BinaryFloatingPoint>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { a - b }
    }

    struct Multiply<T: Element & BinaryFloatingPoint>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { a * b }
    }

    struct Divide<T: Element & BinaryFloatingPoint>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { a / b }
    }

    struct FloorDivide<T: Element & BinaryFloatingPoint>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { (a / b).rounded(.down) }
    }

    /// NumPy/Python semantics: the result takes the divisor's sign.
    struct Remainder<T: Element & BinaryFloatingPoint>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T {
            let r = T(Foundation.fmod(Double(a), Double(b)))
            return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
        }
    }

    struct Power<T: Element & BinaryFloatingPoint>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { T(Foundation.pow(Float(a), Float(b))) }
    }

    struct Maximum<T: Element & BinaryFloatingPoint>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { a.isNaN || b.isNaN ? T.nan : (a > b ? a : b) }
    }

    struct Minimum<T: Element & BinaryFloatingPoint>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { a.isNaN || b.isNaN ? T.nan : (a < b ? a : b) }
    }

    // MARK: Binary, integers (wrapping; never trapping)

    struct IntAdd<T: Element & FixedWidthInteger & SignedInteger>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { a &+ b }
    }

    struct IntSubtract<T: Element & FixedWidthInteger & SignedInteger>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { a &- b }
    }

    struct IntMultiply<T: Element & FixedWidthInteger & SignedInteger>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { a &* b }
    }

    struct IntFloorDivide<T: Element & FixedWidthInteger & SignedInteger>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { IntMath.floorDivide(a, b) }
    }

    struct IntRemainder<T: Element & FixedWidthInteger & SignedInteger>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { IntMath.remainder(a, b) }
    }

    struct IntPower<T: Element & FixedWidthInteger & SignedInteger>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { IntMath.power(a, b) }
    }

    struct IntMaximum<T: Element & FixedWidthInteger & SignedInteger>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { Swift.max(a, b) }
    }

    struct IntMinimum<T: Element & FixedWidthInteger & SignedInteger>: BinaryFunctor {
        @inline(__always) static func apply(_ a: T, _ b: T) -> T { Swift.min(a, b) }
    }

    // MARK: Binary, bools

    struct BoolEqual: BinaryFunctor {
        @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a == b }
    }

    struct BoolNotEqual: BinaryFunctor {
        @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a != b }
    }

    struct BoolLess: BinaryFunctor {
        @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { !a && b }
    }

    struct BoolLessEqual: BinaryFunctor {
        @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { !a || b }
    }

    struct BoolGreater: BinaryFunctor {
        @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a && !b }
    }

    struct BoolGreaterEqual: BinaryFunctor {
        @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a || !b }
    }

    struct And: BinaryFunctor {
        @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a && b }
    }

    struct Or: BinaryFunctor {
        @inline(__always) static func apply(_ a: Bool, _ b: Bool) -> Bool { a || b }
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

import Foundation
import Testing

@testable import Engine

/// The functor-based CPU kernels against naive per-element loops, for every dtype and op, over
/// each loop path: dense/dense, dense/scalar, scalar/dense, general broadcast, transposed and
/// stepped (strided) inputs.
@Suite struct KernelFunctorTests {
    // MARK: Operands

    /// How an operand of a [3, 4] result is laid out.
    enum Layout: CaseIterable {
        case dense  // [3, 4], row-contiguous
        case scalar  // [], broadcast
        case row  // [4], broadcast over rows
        case column  // [3, 1], broadcast over columns
        case transposed  // a [4, 3] array transposed
        case stepped  // every other row of a [6, 4] array
    }

    struct Operand<T> {
        let tensor: Tensor
        let shape: [Int]
        /// The logical value at (i, j) of the broadcast result.
        let value: (Int, Int) -> T
    }

    static func operand<T: TensorScalar & Element>(_ layout: Layout, _ pool: [T], offset: Int) throws -> Operand<T> {
        // 24 values drawn from the pool with a stride, so the two operands of an op differ.
        let v = (0..<24).map { pool[($0 * 7 + offset) % pool.count] }
        switch layout {
        case .dense:
            return Operand(tensor: try Tensor(Array(v[..<12]), shape: [3, 4]), shape: [3, 4]) { i, j in v[i * 4 + j] }
        case .scalar:
            return Operand(tensor: try Tensor([v[0]], shape: []), shape: []) { _, _ in v[0] }
        case .row:
            return Operand(tensor: try Tensor(Array(v[..<4]), shape: [4]), shape: [4]) { _, j in v[j] }
        case .column:
            return Operand(tensor: try Tensor(Array(v[..<3]), shape: [3, 1]), shape: [3, 1]) { i, _ in v[i] }
        case .transposed:
            let base = try Tensor(Array(v[..<12]), shape: [4, 3])
            return Operand(tensor: try transpose(base), shape: [3, 4]) { i, j in v[j * 3 + i] }
        case .stepped:
            let base = try Tensor(Array(v[..<24]), shape: [6, 4])
            return Operand(tensor: try base.index([.stride(nil, nil, by: 2)]), shape: [3, 4]) { i, j in v[2 * i * 4 + j] }
        }
    }

    static let binaryLayouts: [(Layout, Layout)] = [
        (.dense, .dense), (.dense, .scalar), (.scalar, .dense), (.scalar, .scalar), (.column, .row), (.dense, .row),
        (.dense, .column), (.transposed, .dense), (.dense, .stepped), (.stepped, .transposed), (.transposed, .scalar),
        (.scalar, .stepped),
    ]

    static let floats: [Float] = [
        -3.5, -1, -0.0, 0, 0.5, 1, 2.25, 7, .nan, .infinity, -.infinity, 1e-3, 3, -2, 4.5, 100, -0.25, 6, 1e30, -7.75, 2,
        9, -5, 0.125,
    ]
    static let int32s: [Int32] = [
        -7, -3, -1, 0, 1, 2, 3, 5, 8, .max, .min, 100, -100, 13, 4, -2, 6, 0, 9, -9, 31, 2, 7, -4,
    ]
    static let int64s: [Int64] = [
        -7, -3, -1, 0, 1, 2, 3, 5, 8, .max, .min, 100, -100, 13, 4, -2, 6, 0, 9, -9, 63, 2, 7, 1 << 40,
    ]
    static let bools: [Bool] = [true, false, false, true, true, true, false]

    // MARK: Comparison helpers

    /// Bitwise equality, except that any two NaNs match.
    static func same<T: Element>(_ a: T, _ b: T) -> Bool {
        if let x = a as? Float, let y = b as? Float { return x.isNaN ? y.isNaN : x.bitPattern == y.bitPattern }
        if let x = a as? Float16, let y = b as? Float16 { return x.isNaN ? y.isNaN : x.bitPattern == y.bitPattern }
        if let x = a as? Int32, let y = b as? Int32 { return x == y }
        if let x = a as? Int64, let y = b as? Int64 { return x == y }
        if let x = a as? Bool, let y = b as? Bool { return x == y }
        return false
    }

    static func outShape(_ a: [Int], _ b: [Int]) -> (rows: Int, cols: Int, shape: [Int]) {
        a.isEmpty && b.isEmpty ? (1, 1, []) : (3, 4, [3, 4])
    }

    static func checkBinary<T: TensorScalar & Element, R: Element>(
        _ op: BinaryOp, _ pool: [T], _ reference: (T, T) -> R, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for (la, lb) in binaryLayouts {
            let a = try operand(la, pool, offset: 0)
            let b = try operand(lb, pool, offset: 5)
            let result = try Engine.binary(op, a.tensor, b.tensor, .default)
            let (rows, cols, shape) = outShape(a.shape, b.shape)
            #expect(result.shape == shape, sourceLocation: sourceLocation)
            let got = try result.toArray(R.self)
            for i in 0..<rows {
                for j in 0..<cols {
                    let x = a.value(i, j)
                    let y = b.value(i, j)
                    let want = reference(x, y)
                    #expect(
                        same(got[i * cols + j], want),
                        "\(op) \(T.self) \(la)/\(lb) at (\(i), \(j)): \(x), \(y) gave \(got[i * cols + j]), want \(want)",
                        sourceLocation: sourceLocation)
                }
            }
        }
    }

    /// Unary layouts: each input layout is read as its own shape (no broadcast), plus a row and a
    /// scalar broadcast to [3, 4] by a view.
    static func checkUnary<T: TensorScalar & Element, R: Element>(
        _ op: UnaryOp, _ pool: [T], tolerance: ((R, R) -> Bool)? = nil, _ reference: (T) -> R,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for layout in Layout.allCases {
            for viaBroadcast in [false, true] where !(viaBroadcast && (layout == .dense || layout == .transposed || layout == .stepped)) {
                let x = try operand(layout, pool, offset: 3)
                let input = viaBroadcast ? try x.tensor.broadcasted(to: [3, 4]) : x.tensor
                let result = try Engine.unary(op, input, .default)
                #expect(result.shape == input.shape, sourceLocation: sourceLocation)
                let got = try result.toArray(R.self)
                let rows = input.shape.count == 2 ? input.shape[0] : 1
                let cols = input.shape.last ?? 1
                for i in 0..<rows {
                    for j in 0..<cols {
                        let v = x.value(i, j)
                        let want = reference(v)
                        let ok = tolerance.map { $0(got[i * cols + j], want) } ?? same(got[i * cols + j], want)
                        #expect(
                            ok, "\(op) \(T.self) \(layout)\(viaBroadcast ? " broadcast" : "") at (\(i), \(j)): \(v) gave \(got[i * cols + j]), want \(want)",
                            sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    // MARK: Binary

    static func floatBinary<T: TensorScalar & Element & BinaryFloatingPoint>(_ pool: [T]) throws {
        try checkBinary(.add, pool) { $0 + $1 }
        try checkBinary(.subtract, pool) { $0 - $1 }
        try checkBinary(.multiply, pool) { $0 * $1 }
        try checkBinary(.divide, pool) { $0 / $1 }
        try checkBinary(.floorDivide, pool) { ($0 / $1).rounded(.down) }
        try checkBinary(.remainder, pool) { (a: T, b: T) -> T in
            let r = T(Foundation.fmod(Double(a), Double(b)))
            return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
        }
        try checkBinary(.power, pool) { T(Foundation.pow(Float($0), Float($1))) }
        try checkBinary(.maximum, pool) { (a: T, b: T) -> T in a.isNaN || b.isNaN ? .nan : (a > b ? a : b) }
        try checkBinary(.minimum, pool) { (a: T, b: T) -> T in a.isNaN || b.isNaN ? .nan : (a < b ? a : b) }
        try comparisons(pool)
    }

    static func comparisons<T: TensorScalar & Element & Comparable>(_ pool: [T]) throws {
        try checkBinary(.equal, pool) { $0 == $1 }
        try checkBinary(.notEqual, pool) { $0 != $1 }
        try checkBinary(.less, pool) { $0 < $1 }
        try checkBinary(.lessEqual, pool) { $0 <= $1 }
        try checkBinary(.greater, pool) { $0 > $1 }
        try checkBinary(.greaterEqual, pool) { $0 >= $1 }
    }

    /// Python semantics, written out independently of `IntMath`.
    static func pyFloorDivide<T: FixedWidthInteger & SignedInteger>(_ a: T, _ b: T) -> T {
        if b == 0 { return 0 }
        if b == -1 { return 0 &- a }
        var q = a / b
        if q * b != a && ((a < 0) != (b < 0)) { q -= 1 }
        return q
    }

    static func pyRemainder<T: FixedWidthInteger & SignedInteger>(_ a: T, _ b: T) -> T {
        if b == 0 || b == -1 { return 0 }
        var r = a % b
        if r != 0 && ((r < 0) != (b < 0)) { r += b }
        return r
    }

    static func wrappingPower<T: FixedWidthInteger & SignedInteger>(_ a: T, _ b: T) -> T {
        if b < 0 { return a == 1 ? 1 : a == -1 ? (b % 2 == 0 ? 1 : -1) : 0 }
        // Square-and-multiply over the bits of b, most significant first.
        var result: T = 1
        for bit in stride(from: T.bitWidth - 2, through: 0, by: -1) {
            result = result &* result
            if (b >> T(bit)) & 1 == 1 { result = result &* a }
        }
        return result
    }

    static func intBinary<T: TensorScalar & Element & FixedWidthInteger & SignedInteger>(_ pool: [T]) throws {
        try checkBinary(.add, pool) { $0 &+ $1 }
        try checkBinary(.subtract, pool) { $0 &- $1 }
        try checkBinary(.multiply, pool) { $0 &* $1 }
        try checkBinary(.floorDivide, pool) { pyFloorDivide($0, $1) }
        try checkBinary(.remainder, pool) { pyRemainder($0, $1) }
        try checkBinary(.power, pool) { wrappingPower($0, $1) }
        try checkBinary(.maximum, pool) { Swift.max($0, $1) }
        try checkBinary(.minimum, pool) { Swift.min($0, $1) }
        try comparisons(pool)
    }

    @Test func binaryFloat32() throws { try Self.floatBinary(Self.floats) }
    @Test func binaryFloat16() throws { try Self.floatBinary(Self.floats.map { Float16($0) }) }
    @Test func binaryInt32() throws { try Self.intBinary(Self.int32s) }
    @Test func binaryInt64() throws { try Self.intBinary(Self.int64s) }

    @Test func binaryBool() throws {
        let p = Self.bools
        try Self.checkBinary(.equal, p) { $0 == $1 }
        try Self.checkBinary(.notEqual, p) { $0 != $1 }
        try Self.checkBinary(.less, p) { !$0 && $1 }
        try Self.checkBinary(.lessEqual, p) { !$0 || $1 }
        try Self.checkBinary(.greater, p) { $0 && !$1 }
        try Self.checkBinary(.greaterEqual, p) { $0 || !$1 }
        try Self.checkBinary(.logicalAnd, p) { $0 && $1 }
        try Self.checkBinary(.logicalOr, p) { $0 || $1 }
        try Self.checkBinary(.multiply, p) { $0 && $1 }
        try Self.checkBinary(.minimum, p) { $0 && $1 }
        try Self.checkBinary(.add, p) { $0 || $1 }
        try Self.checkBinary(.maximum, p) { $0 || $1 }
    }

    // MARK: Unary

    /// Within `ulps` units in the last place of `want` (NaN matches NaN; infinities must match).
    static func within<T: BinaryFloatingPoint>(_ ulps: T) -> (T, T) -> Bool {
        { got, want in
            if want.isNaN { return got.isNaN }
            if want.isInfinite || got.isInfinite { return got == want }
            return Swift.abs(got - want) <= ulps * Swift.max(want.ulp, T.leastNonzeroMagnitude)
        }
    }

    static func floatUnary<T: TensorScalar & Element & BinaryFloatingPoint>(_ pool: [T], mathTolerance: ((T, T) -> Bool)?) throws {
        try checkUnary(.negate, pool) { -$0 }
        try checkUnary(.abs, pool) { Swift.abs($0) }
        try checkUnary(.square, pool) { $0 * $0 }
        try checkUnary(.exp, pool, tolerance: mathTolerance) { T(Foundation.exp(Float($0))) }
        try checkUnary(.log, pool, tolerance: mathTolerance) { T(Foundation.log(Float($0))) }
        try checkUnary(.sqrt, pool) { T(Float($0).squareRoot()) }
        try checkUnary(.rsqrt, pool) { T(1 / Float($0).squareRoot()) }
        try checkUnary(.tanh, pool, tolerance: mathTolerance) { T(Foundation.tanh(Float($0))) }
        try checkUnary(.sin, pool) { T(Foundation.sin(Float($0))) }
        try checkUnary(.cos, pool) { T(Foundation.cos(Float($0))) }
        try checkUnary(.sigmoid, pool, tolerance: mathTolerance) { T(1 / (1 + Foundation.exp(-Float($0)))) }
        try checkUnary(.logicalNot, pool) { $0 == 0 }
    }

    // float32 exp/log/tanh/sigmoid are the vectorised `FastMath`/`CFastMath` versions (≤ 2 ulp;
    // VectorMathTests bounds each tighter); float16 is exact.
    @Test func unaryFloat32() throws { try Self.floatUnary(Self.floats, mathTolerance: Self.within(2)) }
    @Test func unaryFloat16() throws { try Self.floatUnary(Self.floats.map { Float16($0) }, mathTolerance: nil) }

    static func intUnary<T: TensorScalar & Element & FixedWidthInteger & SignedInteger>(_ pool: [T]) throws {
        try checkUnary(.negate, pool) { 0 &- $0 }
        try checkUnary(.abs, pool) { $0 < 0 ? 0 &- $0 : $0 }
        try checkUnary(.square, pool) { $0 &* $0 }
        try checkUnary(.logicalNot, pool) { $0 == 0 }
    }

    @Test func unaryInt32() throws { try Self.intUnary(Self.int32s) }
    @Test func unaryInt64() throws { try Self.intUnary(Self.int64s) }

    @Test func unaryBool() throws {
        try Self.checkUnary(.logicalNot, Self.bools) { !$0 }
        try Self.checkUnary(.abs, Self.bools) { $0 }
    }

    // MARK: Casts and copies

    static func checkCasts<S: TensorScalar & Element>(_ pool: [S]) throws {
        try checkCast(pool, to: .bool) { (v: S) -> Bool in v.doubleValue != 0 }
        let viaFloat = S.dtype.isFloatingPoint
        try checkCast(pool, to: .int32) { (v: S) -> Int32 in
            viaFloat ? Int32(truncatingIfNeeded: Int64(saturating: v.doubleValue)) : Int32(truncatingIfNeeded: v.int64Value)
        }
        try checkCast(pool, to: .int64) { (v: S) -> Int64 in viaFloat ? Int64(saturating: v.doubleValue) : v.int64Value }
        try checkCast(pool, to: .float16) { (v: S) -> Float16 in Float16(Float(v.doubleValue)) }
        try checkCast(pool, to: .float32) { (v: S) -> Float in Float(v.doubleValue) }
    }

    static func checkCast<S: TensorScalar & Element, R: Element>(_ pool: [S], to dtype: DType, _ reference: (S) -> R) throws {
        for layout in [Layout.dense, .transposed, .stepped, .scalar] {
            let x = try operand(layout, pool, offset: 1)
            let result = try astype(x.tensor, dtype)
            let got = try result.toArray(R.self)
            let rows = x.shape.isEmpty ? 1 : 3
            let cols = x.shape.isEmpty ? 1 : 4
            for i in 0..<rows {
                for j in 0..<cols {
                    let want = reference(x.value(i, j))
                    #expect(same(got[i * cols + j], want), "\(S.self) → \(dtype) \(layout) at (\(i), \(j)): got \(got[i * cols + j]), want \(want)")
                }
            }
        }
        // Same dtype: a strided input becomes a contiguous copy (LayoutKernels.copy).
        if dtype == S.dtype {
            for layout in [Layout.transposed, .stepped] {
                let x = try operand(layout, pool, offset: 2)
                let got = try contiguous(x.tensor).toArray(S.self)
                for i in 0..<3 {
                    for j in 0..<4 { #expect(same(got[i * 4 + j], x.value(i, j)), "copy \(S.self) \(layout) at (\(i), \(j))") }
                }
            }
        }
    }

    @Test func casts() throws {
        try Self.checkCasts(Self.floats)
        try Self.checkCasts(Self.floats.map { Float16($0) })
        try Self.checkCasts(Self.int32s)
        try Self.checkCasts(Self.int64s)
        try Self.checkCasts(Self.bools)
    }

    // MARK: Select

    @Test func select() throws {
        let layouts: [(Layout, Layout, Layout)] = [
            (.dense, .dense, .dense), (.column, .row, .scalar), (.transposed, .dense, .stepped), (.dense, .scalar, .dense),
        ]
        for (lc, la, lb) in layouts {
            let c = try Self.operand(lc, Self.bools, offset: 0)
            let a = try Self.operand(la, Self.floats, offset: 1)
            let b = try Self.operand(lb, Self.floats, offset: 2)
            let got = try Engine.`where`(c.tensor, a.tensor, b.tensor).toArray(Float.self)
            for i in 0..<3 {
                for j in 0..<4 {
                    let want = c.value(i, j) ? a.value(i, j) : b.value(i, j)
                    #expect(Self.same(got[i * 4 + j], want), "where \(lc)/\(la)/\(lb) at (\(i), \(j))")
                }
            }
            let ai = try Self.operand(la, Self.int64s, offset: 1)
            let bi = try Self.operand(lb, Self.int64s, offset: 2)
            let goti = try Engine.`where`(c.tensor, ai.tensor, bi.tensor).toArray(Int64.self)
            for i in 0..<3 {
                for j in 0..<4 { #expect(goti[i * 4 + j] == (c.value(i, j) ? ai.value(i, j) : bi.value(i, j))) }
            }
        }
    }

    // MARK: Reductions

    /// Row-order accumulation as the kernels do it (sum and prod of floats in Double).
    static func checkReduce<T: TensorScalar & Element, A, R: Element>(
        _ name: String, _ pool: [T], _ op: (Tensor, [Int]?) throws -> Tensor, initial: A, combine: (A, T) -> A,
        finish: (A) -> R
    ) throws {
        for layout in [Layout.dense, .transposed, .stepped] {
            let x = try operand(layout, pool, offset: 4)
            // Over axis 0 (columns), axis 1 (rows) and everything.
            let byColumn = try op(x.tensor, [0]).toArray(R.self)
            for j in 0..<4 {
                var acc = initial
                for i in 0..<3 { acc = combine(acc, x.value(i, j)) }
                #expect(same(byColumn[j], finish(acc)), "\(name) \(T.self) \(layout) axis 0, column \(j)")
            }
            let byRow = try op(x.tensor, [1]).toArray(R.self)
            for i in 0..<3 {
                var acc = initial
                for j in 0..<4 { acc = combine(acc, x.value(i, j)) }
                #expect(same(byRow[i], finish(acc)), "\(name) \(T.self) \(layout) axis 1, row \(i)")
            }
            let all = try op(x.tensor, nil).toArray(R.self)
            var acc = initial
            for i in 0..<3 { for j in 0..<4 { acc = combine(acc, x.value(i, j)) } }
            #expect(same(all[0], finish(acc)), "\(name) \(T.self) \(layout) all axes")
        }
    }

    static func floatReductions<T: TensorScalar & Element & BinaryFloatingPoint>(_ pool: [T]) throws {
        try checkReduce("sum", pool, { try Engine.sum($0, axes: $1) }, initial: 0.0, combine: { $0 + Double($1) }, finish: { T($0) })
        try checkReduce("prod", pool, { try Engine.prod($0, axes: $1) }, initial: 1.0, combine: { $0 * Double($1) }, finish: { T($0) })
        try checkReduce(
            "max", pool, { try Engine.max($0, axes: $1) }, initial: -T.infinity,
            combine: { (a: T, b: T) in a.isNaN || b.isNaN ? .nan : (b > a ? b : a) }, finish: { $0 })
        try checkReduce(
            "min", pool, { try Engine.min($0, axes: $1) }, initial: T.infinity,
            combine: { (a: T, b: T) in a.isNaN || b.isNaN ? .nan : (b < a ? b : a) }, finish: { $0 })
        // Without NaN/inf, so that some results are finite and not NaN.
        let finite = pool.filter { $0.isFinite && Swift.abs($0) < 1000 }
        try checkReduce("sum", finite, { try Engine.sum($0, axes: $1) }, initial: 0.0, combine: { $0 + Double($1) }, finish: { T($0) })
        try checkReduce(
            "max", finite, { try Engine.max($0, axes: $1) }, initial: -T.infinity, combine: { $1 > $0 ? $1 : $0 }, finish: { $0 })
    }

    static func intReductions<T: TensorScalar & Element & FixedWidthInteger & SignedInteger>(_ pool: [T]) throws {
        try checkReduce("sum", pool, { try Engine.sum($0, axes: $1) }, initial: T(0), combine: { $0 &+ $1 }, finish: { $0 })
        try checkReduce("prod", pool, { try Engine.prod($0, axes: $1) }, initial: T(1), combine: { $0 &* $1 }, finish: { $0 })
        try checkReduce("max", pool, { try Engine.max($0, axes: $1) }, initial: T.min, combine: { Swift.max($0, $1) }, finish: { $0 })
        try checkReduce("min", pool, { try Engine.min($0, axes: $1) }, initial: T.max, combine: { Swift.min($0, $1) }, finish: { $0 })
    }

    @Test func reductions() throws {
        try Self.floatReductions(Self.floats)
        try Self.floatReductions(Self.floats.map { Float16($0) })
        try Self.intReductions(Self.int32s)
        try Self.intReductions(Self.int64s)
        try Self.checkReduce("all", Self.bools, { try Engine.all($0, axes: $1) }, initial: true, combine: { $0 && $1 }, finish: { $0 })
        try Self.checkReduce("any", Self.bools, { try Engine.any($0, axes: $1) }, initial: false, combine: { $0 || $1 }, finish: { $0 })
        try Self.checkReduce("max", Self.bools, { try Engine.max($0, axes: $1) }, initial: false, combine: { $0 || $1 }, finish: { $0 })
        try Self.checkReduce("min", Self.bools, { try Engine.min($0, axes: $1) }, initial: true, combine: { $0 && $1 }, finish: { $0 })
    }

    /// One long row is split across the cores and the partial results merged; with small integer
    /// values every summation order gives the same float, so the result must be exact.
    @Test func longRowReductions() throws {
        let n = 300_000
        let values = (0..<n).map { Float($0 % 7) - 3 }
        let x = try Tensor(values, shape: [n])
        #expect(try Engine.sum(x).item(Float.self) == values.reduce(0, +))
        #expect(try Engine.max(x).item(Float.self) == 3)
        let ints = (0..<n).map { Int32($0 % 11) - 5 }
        #expect(try Engine.sum(Tensor(ints, shape: [n])).item(Int32.self) == ints.reduce(0, &+))
        #expect(try Engine.min(Tensor(ints, shape: [n])).item(Int32.self) == -5)
    }

    /// Large enough to take the multi-threaded paths of the elementwise loops too.
    @Test func largeParallelLoops() throws {
        let n = 1 << 18
        let a = (0..<n).map { Float($0 % 1000) * 0.5 - 100 }
        let b = (0..<n).map { Float(($0 * 7) % 997) - 400 }
        let ta = try Tensor(a, shape: [n])
        let tb = try Tensor(b, shape: [n])
        let sumAB = try (ta + tb).toArray(Float.self)
        #expect(sumAB == zip(a, b).map { $0 + $1 })
        let scaled = try (ta * 3.0).toArray(Float.self)
        #expect(scaled == a.map { $0 * 3 })
        // Strided (transposed) large input.
        let m = try transpose(Tensor(a, shape: [512, n / 512]))
        let negated = try negative(m).toArray(Float.self)
        var want: [Float] = []
        for j in 0..<(n / 512) { for i in 0..<512 { want.append(-a[i * (n / 512) + j]) } }
        #expect(negated == want)
        let e = try Engine.exp(tb * 0.25).toArray(Float.self)
        let close = Self.within(Float(2))
        #expect(zip(e, b).allSatisfy { close($0, Foundation.exp($1 * 0.25)) })
    }
}

/// Accuracy of the vectorised float32 transcendentals against glibc, over a dense sweep.
@Suite struct FastMathTests {
    static func ulpError(_ got: Float, _ want: Float) -> Float {
        if want.isNaN { return got.isNaN ? 0 : .infinity }
        if got == want { return 0 }
        if want.isInfinite || got.isInfinite { return .infinity }
        return Swift.abs(got - want) / Swift.max(want.ulp, Float.leastNonzeroMagnitude)
    }

    static let specials: [Float] = [
        .nan, -.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
        .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 88.72283, 88.7228394, 88.8, 89,
        -87.33654, -87.34, -103.9, -103.972, -103.98, -104, -150, 1e-10, -1e-10, 0.625, -0.625, 9, 9.1, -9.1,
    ]

    /// Every 997th float bit pattern between `lo` and `hi`, both signs, plus the specials (~2.3M inputs).
    static func sweep(_ lo: Float, _ hi: Float, _ body: (Float) -> Void) {
        for x in specials { body(x) }
        for (start, end) in [(Float(0).bitPattern, hi.bitPattern), ((-Float(0)).bitPattern, lo.bitPattern)] {
            var bits = start
            while bits <= end {
                body(Float(bitPattern: bits))
                bits += 997
            }
        }
    }

    @Test func expWithinOneUlp() {
        var worst: Float = 0
        var worstX: Float = 0
        Self.sweep(-104, 89) { x in
            let e = Self.ulpError(FastMath.exp(x), Foundation.exp(x))
            if e > worst || e.isNaN { (worst, worstX) = (e, x) }
        }
        // Exhaustively (all 2.2e9 floats in [-104, 89]) the maximum is 1 ulp; the bound here is 1.
        #expect(worst <= 1, "worst \(worst) ulp at x = \(worstX)")
        #expect(FastMath.exp(.nan).isNaN)
        #expect(FastMath.exp(.infinity) == .infinity)
        #expect(FastMath.exp(-.infinity) == 0)
        #expect(FastMath.exp(89) == .infinity)
        #expect(FastMath.exp(-104) == 0)
        #expect(FastMath.exp(-103.9) == Foundation.exp(Float(-103.9)))  // subnormal
    }

    @Test func tanhWithinTwoUlp() {
        var worst: Float = 0
        var worstX: Float = 0
        Self.sweep(-20, 20) { x in
            let e = Self.ulpError(FastMath.tanh(x), Foundation.tanh(x))
            if e > worst || e.isNaN { (worst, worstX) = (e, x) }
        }
        #expect(worst <= 2, "worst \(worst) ulp at x = \(worstX)")
        #expect(FastMath.tanh(-0.0).sign == .minus)
        #expect(FastMath.tanh(.infinity) == 1)
        #expect(FastMath.tanh(-.infinity) == -1)
        #expect(FastMath.tanh(.nan).isNaN)
    }

    /// Against the exact sigmoid (in Double), where e^−x does not overflow float32; below that
    /// both the old formula and this one give 0.
    @Test func sigmoidWithinTwoUlp() {
        var worst: Float = 0
        var worstX: Float = 0
        Self.sweep(-88, 104) { x in
            let want = x.isNaN ? Float.nan : Float(1 / (1 + Foundation.exp(-Double(x))))
            let e = Self.ulpError(FastMath.sigmoid(x), want)
            if e > worst || e.isNaN { (worst, worstX) = (e, x) }
        }
        #expect(worst <= 2, "worst \(worst) ulp at x = \(worstX)")
        #expect(FastMath.sigmoid(-100) == 1 / (1 + Foundation.exp(Float(100))))
        #expect(FastMath.sigmoid(.infinity) == 1)
        #expect(FastMath.sigmoid(-.infinity) == 0)
    }
}

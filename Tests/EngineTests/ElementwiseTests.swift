import Foundation
import Testing

@testable import Engine

@Suite("Elementwise binary ops")
struct BinaryOpTests {
    // a and b chosen so every op has a distinct, hand-checkable answer, with negative operands for // and %.
    static let a: [Double] = [6, -7, 5, 0, -8]
    static let b: [Double] = [4, 2, -3, 5, -3]

    @Test("arithmetic per numeric dtype (hand-computed)", arguments: numericTypes)
    func arithmetic(dtype: DType) throws {
        let x = try tensor(Self.a, dtype), y = try tensor(Self.b, dtype)
        let r = rtol(dtype)
        let cases: [(String, Tensor, [Double])] = [
            ("add", try x + y, [10, -5, 2, 5, -11]),
            ("subtract", try x - y, [2, -9, 8, -5, -5]),
            ("multiply", try x * y, [24, -14, -15, 0, 24]),
            ("maximum", try maximum(x, y), [6, 2, 5, 5, -3]),
            ("minimum", try minimum(x, y), [4, -7, -3, 0, -8]),
            // Python: 6//4=1, -7//2=-4, 5//-3=-2, 0//5=0, -8//-3=2
            ("floorDivide", try floorDivide(x, y), [1, -4, -2, 0, 2]),
            // Python: 6%4=2, -7%2=1, 5%-3=-1, 0%5=0, -8%-3=-2 (sign of the divisor)
            ("remainder", try x % y, [2, 1, -1, 0, -2]),
        ]
        for (name, t, expected) in cases {
            #expect(t.dtype == dtype, "\(name) dtype")
            #expect(t.shape == [5])
            try expectClose(t, expected, rtol: r, atol: 0, "\(name) \(dtype)")
        }
        let q = try x / y
        #expect(q.dtype == dtype.floatingResult, "divide of \(dtype)")
        try expectClose(q, [1.5, -3.5, -5.0 / 3, 0, 8.0 / 3], rtol: r, "divide \(dtype)")
    }

    @Test("power per numeric dtype", arguments: numericTypes)
    func power(dtype: DType) throws {
        if dtype.isInteger {
            let p = try pow(tensor([2, 3, -2, 5, 0], dtype), tensor([3, 2, 3, 0, 0], dtype))
            #expect(p.dtype == dtype)
            #expect(try ints(p) == [8, 9, -8, 1, 1])
        } else {
            let p = try pow(tensor([2, 4, 9, -2], dtype), tensor([3, 0.5, -1, 2], dtype))
            #expect(p.dtype == dtype)
            try expectClose(p, [8, 2, 1.0 / 9, 4], rtol: rtol(dtype))
        }
    }

    @Test("comparisons give bool for each dtype", arguments: numericTypes)
    func comparisons(dtype: DType) throws {
        let x = try tensor([1, 2, 3, -1], dtype), y = try tensor([2, 2, 2, -2], dtype)
        let cases: [(String, Tensor, [Bool])] = [
            ("equal", try x .== y, [false, true, false, false]),
            ("notEqual", try x .!= y, [true, false, true, true]),
            ("less", try x .< y, [true, false, false, false]),
            ("lessEqual", try x .<= y, [true, true, false, false]),
            ("greater", try x .> y, [false, false, true, true]),
            ("greaterEqual", try x .>= y, [false, true, true, true]),
            ("equal()", try equal(x, y), [false, true, false, false]),
            ("notEqual()", try notEqual(x, y), [true, false, true, true]),
            ("less()", try less(x, y), [true, false, false, false]),
            ("lessEqual()", try lessEqual(x, y), [true, true, false, false]),
            ("greater()", try greater(x, y), [false, false, true, true]),
            ("greaterEqual()", try greaterEqual(x, y), [false, true, true, true]),
        ]
        for (name, t, expected) in cases {
            #expect(t.dtype == .bool, "\(name)")
            #expect(try bools(t) == expected, "\(name) \(dtype)")
        }
    }

    @Test("bool operands: add/multiply/max/min are or/and, comparisons, logic; subtract is an error")
    func boolOps() throws {
        let x = try Tensor([false, false, true, true]), y = try Tensor([false, true, false, true])
        #expect(try bools(x + y) == [false, true, true, true])
        #expect(try (x + y).dtype == .bool)
        #expect(try bools(x * y) == [false, false, false, true])
        #expect(try bools(maximum(x, y)) == [false, true, true, true])
        #expect(try bools(minimum(x, y)) == [false, false, false, true])
        #expect(try bools(x .&& y) == [false, false, false, true])
        #expect(try bools(x .|| y) == [false, true, true, true])
        #expect(try bools(logicalAnd(x, y)) == [false, false, false, true])
        #expect(try bools(logicalOr(x, y)) == [false, true, true, true])
        #expect(try bools(x .== y) == [true, false, false, true])
        #expect(try bools(x .!= y) == [false, true, true, false])
        #expect(try bools(x .< y) == [false, true, false, false])
        #expect(try bools(x .<= y) == [true, true, false, true])
        #expect(try bools(x .> y) == [false, false, true, false])
        #expect(try bools(x .>= y) == [true, false, true, true])
        let d = try x / y
        #expect(d.dtype == .float32)
        try expectClose(d, [.nan, 0, .infinity, 1])
        let fd = try floorDivide(x, y)
        #expect(fd.dtype == .int32)
        #expect(try ints(fd) == [0, 0, 0, 1])
        #expect(try ints(x % y) == [0, 0, 0, 0])
        #expect(try ints(pow(x, y)) == [1, 0, 1, 1])
        expectEngineError("subtract", ["bool"]) { _ = try x - y }
    }

    @Test("logicalAnd/Or on numbers treat non-zero as true")
    func logicOnNumbers() throws {
        let x = try Tensor([0, 2, -1, 0]), y = try Tensor([0.0, 0.5, 0, 3])
        #expect(try bools(x .&& y) == [false, true, false, false])
        #expect(try bools(x .|| y) == [false, true, true, true])
    }

    @Test("broadcasting (3,1) + (1,4) for each dtype", arguments: numericTypes + [.bool])
    func broadcasting(dtype: DType) throws {
        let col: [Double] = dtype == .bool ? [0, 1, 0] : [0, 10, 20]
        let row: [Double] = dtype == .bool ? [0, 0, 1, 1] : [1, 2, 3, 4]
        let s = try tensor(col, dtype, [3, 1]) + tensor(row, dtype, [1, 4])
        #expect(s.shape == [3, 4])
        #expect(s.dtype == dtype)
        var expected: [Double] = []
        for i in 0..<3 {
            for j in 0..<4 {
                expected.append(dtype == .bool ? ((col[i] + row[j]) > 0 ? 1 : 0) : col[i] + row[j])
            }
        }
        try expectClose(s, expected, atol: 0)
        // Rank extension: (4,) against (2,3,1) → (2,3,4)
        let r = try tensor([1, 2, 3, 4], .float32) * tensor([1, 2, 3, 4, 5, 6], .float32, [2, 3, 1])
        #expect(r.shape == [2, 3, 4])
        var e2: [Double] = []
        for i in 1...6 { for j in 1...4 { e2.append(Double(i * j)) } }
        try expectClose(r, e2)
    }

    @Test("scalars on either side adopt the tensor's dtype", arguments: numericTypes)
    func scalars(dtype: DType) throws {
        let x = try tensor([1, -2, 6], dtype)
        let r = rtol(dtype)
        try expectClose(try x + 1, [2, -1, 7], rtol: r)
        try expectClose(try 1 + x, [2, -1, 7], rtol: r)
        try expectClose(try x - 10, [-9, -12, -4], rtol: r)
        try expectClose(try 10 - x, [9, 12, 4], rtol: r)
        try expectClose(try x * 3, [3, -6, 18], rtol: r)
        try expectClose(try 3 * x, [3, -6, 18], rtol: r)
        try expectClose(try x % 4, [1, 2, 2], rtol: r)
        for t in [try x + 1, try 1 + x, try x - 10, try 10 - x, try x * 3, try 3 * x, try x % 4] {
            #expect(t.dtype == dtype)
        }
        let d = try x / 2
        #expect(d.dtype == dtype.floatingResult)
        try expectClose(d, [0.5, -1, 3], rtol: r)
        let d2 = try 6 / x
        try expectClose(d2, [6, -3, 1], rtol: r)
        let f = try x + 2.5
        #expect(f.dtype == dtype.floatingResult)
        try expectClose(f, [3.5, 0.5, 8.5], rtol: r)
        let f2 = try 2.5 - x
        try expectClose(f2, [1.5, 4.5, -3.5], rtol: r)
        let f3 = try x * 0.5
        try expectClose(f3, [0.5, -1, 3], rtol: r)
        let f4 = try 3.0 / x
        try expectClose(f4, [3, -1.5, 0.5], rtol: r)
        #expect(try bools(x .> 0) == [true, false, true])
        #expect(try bools(x .< 0.5) == [false, true, false])
        #expect(try bools(x .== 6) == [false, false, true])
        #expect(try bools(x .== 6.0) == [false, false, true])
    }

    @Test("integer overflow wraps (int32 and int64)")
    func overflowWraps() throws {
        let big = try Tensor([Int32.max, Int32.min, Int32.max])
        #expect(try ints(big + 1) == [Int64(Int32.min), Int64(Int32.min) + 1, Int64(Int32.min)])
        #expect(try ints(big * 2) == [-2, 0, -2])
        #expect(try ints(big - Tensor([Int32(-1), 1, 0])) == [Int64(Int32.min), Int64(Int32.max), Int64(Int32.max)])
        #expect(try ints(negative(Tensor([Int32.min]))) == [Int64(Int32.min)])
        #expect(try ints(abs(Tensor([Int32.min]))) == [Int64(Int32.min)])
        let big64 = try Tensor([Int64.max, Int64.min])
        #expect(try ints(big64 + 1) == [Int64.min, Int64.min + 1])
        #expect(try ints(big64 * 2) == [-2, 0])
        // Int.min // -1 overflows too: wraps instead of trapping.
        #expect(try ints(floorDivide(Tensor([Int32.min]), Tensor([Int32(-1)]))) == [Int64(Int32.min)])
        #expect(try ints(Tensor([Int32.min]) % Tensor([Int32(-1)])) == [0])
    }

    @Test("integer // and % by zero give 0; float ÷ 0 gives ±inf / nan", arguments: intTypes)
    func divisionByZero(dtype: DType) throws {
        let x = try tensor([5, -5, 0], dtype), z = try tensor([0, 0, 0], dtype)
        #expect(try ints(floorDivide(x, z)) == [0, 0, 0])
        #expect(try ints(x % z) == [0, 0, 0])
        let q = try x / z
        #expect(q.dtype == .float32)
        try expectClose(q, [.infinity, -.infinity, .nan])
    }

    @Test("float ÷ 0, // 0 and % 0", arguments: floatTypes)
    func floatDivisionByZero(dtype: DType) throws {
        let x = try tensor([1, -1, 0], dtype), z = try tensor([0, 0, 0], dtype)
        try expectClose(try x / z, [.infinity, -.infinity, .nan])
        try expectClose(try floorDivide(x, z), [.infinity, -.infinity, .nan])
        try expectClose(try x % z, [.nan, .nan, .nan])
        try expectClose(try x / 0.0, [.infinity, -.infinity, .nan])
    }

    @Test("float // and % with negative and fractional operands", arguments: floatTypes)
    func floatFloorMod(dtype: DType) throws {
        let x = try tensor([7.5, -7.5, 5.5, -1], dtype), y = try tensor([2, 2, -2, 3], dtype)
        try expectClose(try floorDivide(x, y), [3, -4, -3, -1], rtol: rtol(dtype))
        try expectClose(try x % y, [1.5, 0.5, -0.5, 2], rtol: rtol(dtype))
    }

    @Test("NaN propagates through maximum/minimum", arguments: floatTypes)
    func nanMaxMin(dtype: DType) throws {
        let x = try tensor([.nan, 1, 2, .nan], dtype), y = try tensor([0, .nan, 1, .nan], dtype)
        try expectClose(try maximum(x, y), [.nan, .nan, 2, .nan])
        try expectClose(try minimum(x, y), [.nan, .nan, 1, .nan])
        #expect(try bools(x .== x) == [false, true, true, false])
        #expect(try bools(x .!= x) == [true, false, false, true])
    }

    @Test("mixed dtypes compare after promotion")
    func mixedComparison() throws {
        #expect(try bools(Tensor([1, 2, 3]) .< Tensor([1.5, 1.5, 1.5])) == [true, false, false])
        #expect(try bools(Tensor([Int64(1) << 40]) .> Tensor([Int32.max])) == [true])
        #expect(try bools(Tensor([true, false]) .== Tensor([1, 1])) == [true, false])
    }
}

@Suite("where")
struct WhereTests {
    @Test("where broadcasts condition, x and y and promotes x/y")
    func broadcasting() throws {
        let c = try Tensor([[true], [false], [true]])  // (3,1)
        let x = try Tensor([[1, 2, 3, 4]])  // (1,4) int32
        let y = try Tensor(-0.5)  // () float32
        let r = try `where`(c, x, y)
        #expect(r.shape == [3, 4])
        #expect(r.dtype == .float32)
        try expectClose(r, [1, 2, 3, 4, -0.5, -0.5, -0.5, -0.5, 1, 2, 3, 4])
    }

    @Test("where with a numeric condition (non-zero is true)", arguments: numericTypes + [.bool])
    func numericCondition(dtype: DType) throws {
        let c = try tensor([0, 1, 0, 1], .float32)
        let r = try `where`(c, tensor([1, 1, 0, 0], dtype), tensor([0, 0, 1, 1], dtype))
        #expect(r.dtype == dtype)
        try expectClose(r, [0, 1, 1, 0])
    }
}

@Suite("Elementwise unary ops")
struct UnaryOpTests {
    @Test("negative/abs/square keep the dtype", arguments: numericTypes)
    func signOps(dtype: DType) throws {
        let x = try tensor([-3, 0, 2, 5], dtype)
        for (name, t, e) in [
            ("negative", try negative(x), [3.0, 0, -2, -5]), ("unary -", try -x, [3, 0, -2, -5]),
            ("abs", try abs(x), [3, 0, 2, 5]), ("square", try square(x), [9, 0, 4, 25]),
        ] {
            #expect(t.dtype == dtype, "\(name)")
            try expectClose(t, e, atol: 0, "\(name) \(dtype)")
        }
    }

    @Test("negative of bool is an error; abs/square of bool keep it")
    func boolUnary() throws {
        expectEngineError("negate", ["bool"]) { _ = try negative(Tensor([true])) }
        #expect(try bools(abs(Tensor([true, false]))) == [true, false])
        #expect(try bools(logicalNot(Tensor([true, false]))) == [false, true])
        let e = try exp(Tensor([true, false]))
        #expect(e.dtype == .float32)
        try expectClose(e, [M_E, 1])
    }

    @Test("transcendental ops against hand values", arguments: numericTypes)
    func transcendental(dtype: DType) throws {
        let r = dtype == .float16 ? 2e-3 : 1e-6
        let out = dtype.floatingResult
        func check(_ name: String, _ input: [Double], _ f: (Tensor) throws -> Tensor, _ expected: [Double]) throws {
            let t = try f(tensor(input, dtype))
            #expect(t.dtype == out, "\(name) dtype for \(dtype)")
            try expectClose(t, expected, rtol: r, atol: r * 1e-2, "\(name) \(dtype)")
        }
        try check("exp", [0, 1, -1, 2], { try exp($0) }, [1, M_E, 1 / M_E, M_E * M_E])
        try check("log", [1, 2, 0, -1], { try log($0) }, [0, M_LN2, -.infinity, .nan])
        try check("sqrt", [4, 2, 0, -1], { try sqrt($0) }, [2, 2.0.squareRoot(), 0, .nan])
        try check("rsqrt", [4, 1, 0], { try rsqrt($0) }, [0.5, 1, .infinity])
        try check("tanh", [0, 1, -20], { try tanh($0) }, [0, 0.7615941559557649, -1])
        try check("sigmoid", [0, 2, -2], { try sigmoid($0) }, [0.5, 0.8807970779778823, 0.11920292202211755])
        try check("sin", [0, 1], { try sin($0) }, [0, 0.8414709848078965])
        try check("cos", [0, 1], { try cos($0) }, [1, 0.5403023058681398])
    }

    @Test("sigmoid saturates without NaN")
    func sigmoidExtremes() throws {
        try expectClose(try sigmoid(Tensor([100.0, -100.0, 0])), [1, 0, 0.5], atol: 1e-30)
    }

    @Test("logicalNot for every dtype", arguments: numericTypes)
    func logicalNotAll(dtype: DType) throws {
        let t = try logicalNot(tensor([0, 2, -1, 0], dtype))
        #expect(t.dtype == .bool)
        #expect(try bools(t) == [true, false, false, true])
    }
}

@Suite("astype")
struct AstypeTests {
    @Test("float → int truncates toward zero, NaN → 0", arguments: floatTypes, intTypes)
    func floatToInt(from: DType, to: DType) throws {
        let x = try tensor([-2.75, -0.5, 0.5, 2.75, .nan, -0.0, 100], from)
        let y = try astype(x, to)
        #expect(y.dtype == to)
        #expect(try ints(y) == [-2, 0, 0, 2, 0, 0, 100])
    }

    @Test("float → bool: zero is false, anything else (NaN too) true", arguments: floatTypes)
    func floatToBool(from: DType) throws {
        #expect(try bools(astype(tensor([0, -0.0, 0.25, .nan, -3], from), .bool)) == [false, false, true, true, true])
    }

    @Test("int conversions: wrap on narrowing, exact widening, bool")
    func intConversions() throws {
        let wide = try Tensor([Int64(1) << 32 | 5, -1, Int64(Int32.max) + 1])
        #expect(try ints(astype(wide, .int32)) == [5, -1, Int64(Int32.min)])
        #expect(try ints(astype(Tensor([Int32.min, 7]), .int64)) == [Int64(Int32.min), 7])
        #expect(try bools(astype(Tensor([0, 3, -1]), .bool)) == [false, true, true])
        #expect(try ints(astype(Tensor([true, false]), .int32)) == [1, 0])
        #expect(try ints(astype(Tensor([true, false]), .int64)) == [1, 0])
        try expectClose(try astype(Tensor([true, false]), .float16), [1, 0])
        // float16 has 11 significant bits: 2049 rounds to 2048 (ties to even), 4097 to 4096.
        try expectClose(try astype(Tensor([2049, 4097, -3]), .float16), [2048, 4096, -3])
        try expectClose(try astype(Tensor([0.1, 65504, 70000]), .float16), [0.0999755859375, 65504, .infinity])
        try expectClose(try astype(Tensor([Float16(0.1)]), .float32), [0.0999755859375])
        let same = try Tensor([1, 2])
        #expect(try astype(same, .int32) === same)
    }

    @Test("astype of a strided view converts its logical elements")
    func astypeView() throws {
        let x = try Tensor([[1.5, 2.5, 3.5], [4.5, 5.5, 6.5]])
        let v = try x.T[.stride(nil, nil, by: -1)]  // (3,2) reversed rows of the transpose
        #expect(try ints(astype(v, .int32)) == [3, 6, 2, 5, 1, 4])
    }
}

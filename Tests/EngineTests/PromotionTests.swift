import Testing

@testable import Engine

/// MLX's promotion lattice for our five dtypes, written out by hand from the notes (§2):
/// bool < int32 < int64 among integers, float16 < float32, and int × float → that float
/// (so int64 + float16 → float16, as measured on MLX).
let expectedPromotion: [DType: [DType: DType]] = [
    .bool: [.bool: .bool, .int32: .int32, .int64: .int64, .float16: .float16, .float32: .float32],
    .int32: [.bool: .int32, .int32: .int32, .int64: .int64, .float16: .float16, .float32: .float32],
    .int64: [.bool: .int64, .int32: .int64, .int64: .int64, .float16: .float16, .float32: .float32],
    .float16: [.bool: .float16, .int32: .float16, .int64: .float16, .float16: .float16, .float32: .float32],
    .float32: [.bool: .float32, .int32: .float32, .int64: .float32, .float16: .float32, .float32: .float32],
]

struct TypePair: CustomTestStringConvertible, Sendable {
    let a: DType, b: DType
    var testDescription: String { "\(a)+\(b)" }
    static let all: [TypePair] = DType.allCases.flatMap { a in DType.allCases.map { TypePair(a: a, b: $0) } }
}

@Suite("Type promotion")
struct PromotionTests {
    @Test("all 25 pairs: DType.promote, add, multiply, maximum, where, concatenate", arguments: TypePair.all)
    func pair(p: TypePair) throws {
        let want = try #require(expectedPromotion[p.a]?[p.b])
        #expect(DType.promote(p.a, p.b) == want)
        let x = try tensor([1, 0, 1], p.a), y = try tensor([1, 1, 0], p.b)
        let s = try x + y
        #expect(s.dtype == want)
        // bool+bool is logical or; otherwise ordinary addition in the promoted type.
        try expectClose(s, want == .bool ? [1, 1, 1] : [2, 1, 1])
        #expect(try (x * y).dtype == want)
        #expect(try maximum(x, y).dtype == want)
        #expect(try `where`(Tensor([true, false, true]), x, y).dtype == want)
        let c = try concatenate([x, y])
        #expect(c.dtype == want)
        try expectClose(c, [1, 0, 1, 1, 1, 0])
        // Comparisons always give bool; true division gives a float.
        #expect(try (x .< y).dtype == .bool)
        #expect(try (x / y).dtype == want.floatingResult)
    }

    @Test("notable pairs named in the brief")
    func notable() throws {
        #expect(try (Tensor([1]) + Tensor([1.0])).dtype == .float32)
        #expect(try (Tensor([1]) + Tensor([Int64(1)])).dtype == .int64)
        #expect(try (Tensor([Int64(1)]) + Tensor([Float16(1)])).dtype == .float16)
        #expect(try (Tensor([true]) + Tensor([1])).dtype == .int32)
        #expect(try (Tensor([Float16(1)]) + Tensor([Float(1)])).dtype == .float32)
    }

    @Test("weak Swift scalars adopt the array's dtype")
    func weakScalars() throws {
        let i32 = try Tensor([1, 2]), i64 = try Tensor([Int64(1), 2])
        let f16 = try Tensor([Float16(1), 2]), b = try Tensor([true, false])
        #expect(try (i32 + 2).dtype == .int32)
        #expect(try (i32 + 2.5).dtype == .float32)
        try expectClose(try i32 + 2.5, [3.5, 4.5])
        #expect(try (f16 * 2.5).dtype == .float16)
        try expectClose(try f16 * 2.5, [2.5, 5])
        #expect(try (f16 + 2).dtype == .float16)
        #expect(try (b + 1).dtype == .int32)
        #expect(try ints(b + 1) == [2, 1])
        #expect(try (b * 2.5).dtype == .float32)
        #expect(try (i64 + 2).dtype == .int64)
        #expect(try ints(i64 + (1 << 40)) == [(1 << 40) + 1, (1 << 40) + 2])
        #expect(try (i64 * 0.5).dtype == .float32)
        #expect(try (2 - i32).dtype == .int32)
        // A 0-d *array* is strong: float16 + array(2.0) → float32 (MLX).
        #expect(try (f16 + Tensor(2.0)).dtype == .float32)
        // An Int that does not fit int32 is an error, not a silent wrap.
        expectEngineError("add", ["int32"]) { _ = try i32 + (1 << 40) }
    }

    @Test("result dtypes of divide, reductions, arg-reductions and float-only ops")
    func resultTypes() throws {
        let i = try Tensor([1, 2, 3]), b = try Tensor([true, false, true])
        let h = try Tensor([Float16(1), 2, 3]), l = try Tensor([Int64(1), 2, 3])
        #expect(try (i / i).dtype == .float32)
        #expect(try (l / l).dtype == .float32)
        #expect(try (h / h).dtype == .float16)
        #expect(try mean(i).dtype == .float32)
        #expect(try mean(b).dtype == .float32)
        #expect(try mean(h).dtype == .float16)
        #expect(try sum(b).dtype == .int32)
        #expect(try ints(sum(b)) == [2])
        #expect(try prod(b).dtype == .int32)
        #expect(try sum(i).dtype == .int32)
        #expect(try sum(l).dtype == .int64)
        #expect(try sum(h).dtype == .float16)
        #expect(try max(b).dtype == .bool)
        #expect(try max(i).dtype == .int32)
        #expect(try all(i).dtype == .bool)
        #expect(try any(h).dtype == .bool)
        #expect(try argmax(h).dtype == .int32)
        #expect(try argmin(l).dtype == .int32)
        #expect(try exp(i).dtype == .float32)
        #expect(try exp(h).dtype == .float16)
        #expect(try softmax(i).dtype == .float32)
        #expect(try logsumexp(l).dtype == .float32)
        #expect(try floorDivide(i, i).dtype == .int32)
        #expect(try (i % i).dtype == .int32)
        #expect(try floorDivide(b, b).dtype == .int32)
    }
}

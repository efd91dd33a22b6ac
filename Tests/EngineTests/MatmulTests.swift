import Testing

@testable import Engine

/// Random operand values suited to a dtype (small ints for integer/bool, floats otherwise).
func matmulValues(_ n: Int, _ dtype: DType, seed: UInt64) -> [Double] {
    var g = SplitMix(seed: seed)
    switch dtype {
    case .bool: return g.ints(n, 0, 1).map(Double.init)
    case .int32, .int64: return g.ints(n, -5, 5).map(Double.init)
    case .float16: return g.floats(n).map { Double(Float(Float16(Float($0)))) }
    case .float32: return g.floats(n)
    }
}

@Suite("matmul vs a naive triple loop")
struct MatmulTests {
    /// Checks matmul(a, b) against the naive product (bool: OR of ANDs, i.e. product > 0).
    func check(
        _ a: Tensor, _ ra: Ref, _ b: Tensor, _ rb: Ref, dtype: DType, shape: [Int],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let c = try matmul(a, b)
        #expect(c.dtype == dtype, sourceLocation: sourceLocation)
        var e = naiveMatmul(ra, rb).values
        if dtype == .bool { e = e.map { $0 > 0 ? 1 : 0 } }
        let tol = dtype == .float16 ? 4e-3 : 1e-5
        try expectClose(c, e, shape: shape, rtol: tol, atol: tol, "matmul \(a.shape)×\(b.shape)", sourceLocation: sourceLocation)
    }

    func operand(_ shape: [Int], _ dtype: DType, seed: UInt64) throws -> (Tensor, Ref) {
        let v = matmulValues(shape.reduce(1, *), dtype, seed: seed)
        return (try tensor(v, dtype, shape), Ref(shape: shape, values: v))
    }

    @Test("2-D and batched with broadcast batch dims", arguments: DType.allCases)
    func batched(dtype: DType) throws {
        let cases: [([Int], [Int], [Int])] = [
            ([2, 3], [3, 4], [2, 4]),
            ([1, 1], [1, 1], [1, 1]),
            ([7, 5], [5, 9], [7, 9]),
            ([5, 2, 3], [3, 4], [5, 2, 4]),
            ([3, 4], [5, 4, 2], [5, 3, 2]),
            ([2, 1, 3, 4], [5, 4, 2], [2, 5, 3, 2]),
            ([2, 3, 2, 3], [1, 3, 3, 2], [2, 3, 2, 2]),
        ]
        for (i, (sa, sb, so)) in cases.enumerated() {
            let (a, ra) = try operand(sa, dtype, seed: UInt64(2 * i))
            let (b, rb) = try operand(sb, dtype, seed: UInt64(2 * i + 1))
            try check(a, ra, b, rb, dtype: dtype, shape: so)
        }
    }

    @Test("1-D operands are promoted and the added dimension removed", arguments: DType.allCases)
    func vectors(dtype: DType) throws {
        let (v, rv) = try operand([3], dtype, seed: 1)
        let (m, rm) = try operand([3, 4], dtype, seed: 2)
        let (n, rn) = try operand([2, 3], dtype, seed: 3)
        let (w, rw) = try operand([3], dtype, seed: 4)
        let (bm, rbm) = try operand([5, 3, 2], dtype, seed: 5)
        let row = Ref(shape: [1, 3], values: rv.values), col = Ref(shape: [3, 1], values: rw.values)
        try check(v, row, m, rm, dtype: dtype, shape: [4])
        try check(n, rn, w, col, dtype: dtype, shape: [2])
        try check(v, row, w, col, dtype: dtype, shape: [])
        try check(v, row, bm, rbm, dtype: dtype, shape: [5, 2])
        try check(bm.transposed([0, 2, 1]), rbm.transposed([0, 2, 1]), w, col, dtype: dtype, shape: [5, 2])
        // Hand-computed: [1,2,3]·[4,5,6] = 32.
        if dtype == .float32 {
            #expect(try matmul(Tensor([1.0, 2, 3]), Tensor([4.0, 5, 6])).item(Float.self) == 32)
        }
    }

    @Test("transposed, sliced, reversed and broadcast (non-contiguous) operands", arguments: DType.allCases)
    func views(dtype: DType) throws {
        let (a, ra) = try operand([3, 2], dtype, seed: 10)  // a.T is (2,3)
        let (b, rb) = try operand([4, 3], dtype, seed: 11)  // b.T is (3,4)
        try check(a.T, ra.transposed([1, 0]), b.T, rb.transposed([1, 0]), dtype: dtype, shape: [2, 4])
        let (b2, rb2) = try operand([3, 4], dtype, seed: 12)
        try check(a.T, ra.transposed([1, 0]), b2, rb2, dtype: dtype, shape: [2, 4])

        // Columns 0, 2, 4 of a (2,6): a[:, ::2]
        let (w, rw) = try operand([2, 6], dtype, seed: 13)
        let sliced = try w[.all, .stride(nil, nil, by: 2)]
        let rs = Ref(shape: [2, 3], values: [0, 1].flatMap { i in [0, 2, 4].map { rw[[i, $0]] } })
        try check(sliced, rs, b2, rb2, dtype: dtype, shape: [2, 4])

        // Rows 1..<4 of a (5,4), reversed: b[3:0:-1]
        let (r5, rr5) = try operand([5, 4], dtype, seed: 14)
        let rev = try r5[.stride(3, 0, by: -1)]
        let rrev = Ref(shape: [3, 4], values: [3, 2, 1].flatMap { i in (0..<4).map { rr5[[i, $0]] } })
        let (l, rl) = try operand([2, 3], dtype, seed: 15)
        try check(l, rl, rev, rrev, dtype: dtype, shape: [2, 4])

        // A broadcast operand (zero strides): (1,3) → (2,3), and a batch broadcast (3,4) → (2,3,4).
        let (one, rone) = try operand([1, 3], dtype, seed: 16)
        let bc = try broadcast(one, to: [2, 3])
        try check(bc, Ref(shape: [2, 3], values: rone.values + rone.values), b2, rb2, dtype: dtype, shape: [2, 4])
        let bb = try broadcast(b2, to: [2, 3, 4])
        try check(l, rl, bb, Ref(shape: [2, 3, 4], values: rb2.values + rb2.values), dtype: dtype, shape: [2, 2, 4])

        // Batched with swapped last axes: (5,3,2) → (5,2,3).
        let (bt, rbt) = try operand([5, 3, 2], dtype, seed: 17)
        try check(swapAxes(bt, 1, 2), rbt.transposed([0, 2, 1]), b2, rb2, dtype: dtype, shape: [5, 2, 4])
        // A column slice (m,1) and a row slice (1,k).
        try check(l[.all, 1...1], Ref(shape: [2, 1], values: [rl[[0, 1]], rl[[1, 1]]]), one, rone, dtype: dtype, shape: [2, 3])
        try check(l[1...1], Ref(shape: [1, 3], values: Array(rl.values[3...])), b2, rb2, dtype: dtype, shape: [1, 4])
    }

    @Test("zero-size dimensions", arguments: [DType.float32, .float16, .int32, .bool])
    func zeroSize(dtype: DType) throws {
        let c1 = try matmul(tensor([], dtype, [0, 3]), tensor(matmulValues(12, dtype, seed: 1), dtype, [3, 4]))
        #expect(c1.shape == [0, 4])
        #expect(try doubles(c1).isEmpty)
        // k = 0: every entry is an empty sum, 0.
        let c2 = try matmul(tensor([], dtype, [2, 0]), tensor([], dtype, [0, 4]))
        #expect(c2.shape == [2, 4])
        try expectClose(c2, [Double](repeating: 0, count: 8))
        let c3 = try matmul(tensor(matmulValues(6, dtype, seed: 2), dtype, [2, 3]), tensor([], dtype, [3, 0]))
        #expect(c3.shape == [2, 0])
        let c4 = try matmul(tensor([], dtype, [0, 2, 3]), tensor(matmulValues(12, dtype, seed: 3), dtype, [3, 4]))
        #expect(c4.shape == [0, 2, 4])
        #expect(try doubles(c4).isEmpty)
    }

    @Test("mixed dtypes promote; integer products wrap")
    func mixed() throws {
        let c = try matmul(Tensor([[1, 2]]), Tensor([[0.5], [0.25]]))
        #expect(c.dtype == .float32)
        try expectClose(c, [1])
        let h = try matmul(Tensor([[Float16(1), 2]]), Tensor([[Int64(3)], [4]]))
        #expect(h.dtype == .float16)
        try expectClose(h, [11])
        let w = try matmul(Tensor([[Int32(65536), 1]]), Tensor([[Int32(65536)], [3]]))
        #expect(try ints(w) == [3])
    }

    @Test("shape errors name the op, both shapes and dtypes")
    func errors() throws {
        expectEngineError("matmul", ["(2,3) × (4,5)", "inner dimensions 3 and 4 differ", "float32"]) {
            _ = try matmul(zeros([2, 3]), zeros([4, 5]))
        }
        expectEngineError("matmul", ["(2,3)", "(4,5)", "int32"]) {
            _ = try matmul(zeros([2, 3], dtype: .int32), zeros([4, 5], dtype: .int32))
        }
        expectEngineError("matmul", ["()", "(3)"]) { _ = try matmul(Tensor(1.0), zeros([3])) }
        expectEngineError("matmul", ["(2,2,3)", "(3,3,4)", "batch"]) {
            _ = try matmul(zeros([2, 2, 3]), zeros([3, 3, 4]))
        }
        expectEngineError("matmul", ["(3)", "(4)"]) { _ = try matmul(zeros([3]), zeros([4])) }
    }
}

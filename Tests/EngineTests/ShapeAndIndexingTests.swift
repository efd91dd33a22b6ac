import Testing

@testable import Engine

@Suite("Shape ops")
struct ShapeOpTests {
    @Test("reshape with -1, of views, and back")
    func reshapes() throws {
        let x = try arange(24)
        let r = try reshape(x, [2, -1, 4])
        #expect(r.shape == [2, 3, 4])
        #expect(try ints(r) == (0..<24).map(Int64.init))
        #expect(try reshape(x, [-1]).shape == [24])
        #expect(try reshape(x, [4, 3, -1]).shape == [4, 3, 2])
        // A transposed (non-contiguous) view reshapes in logical order: [[0,1,2],[3,4,5]].T → 0,3,1,4,2,5
        let t = try arange(6).reshaped([2, 3]).T
        #expect(try ints(t.reshaped([-1])) == [0, 3, 1, 4, 2, 5])
        #expect(try ints(t.reshaped([2, 3])) == [0, 3, 1, 4, 2, 5])
        // Reversed view reshaped.
        let rev = try arange(6)[.stride(nil, nil, by: -1)]
        #expect(try ints(rev.reshaped([3, 2])) == [5, 4, 3, 2, 1, 0])
        #expect(try ints(reshape(Tensor(5), [1, 1])) == [5])
        #expect(try reshape(zeros([0, 3]), [3, 0]).shape == [3, 0])
        // -1 next to a 0 is ambiguous (NumPy refuses it too).
        expectEngineError("reshape", ["(0,3)", "(3,-1,0)"]) { _ = try reshape(zeros([0, 3]), [3, -1, 0]) }
    }

    @Test("transpose: default reverses, explicit and negative permutations", arguments: [[2, 1, 0], [1, 0, 2], [0, 2, 1], [2, 0, 1], [-1, 0, -2]])
    func transposes(perm: [Int]) throws {
        let values = (0..<24).map(Double.init)
        let x = try tensor(values, .int32, shape3)
        let p = perm.map { $0 < 0 ? $0 + 3 : $0 }
        let e = Ref(shape: shape3, values: values).transposed(p)
        try expectClose(try transpose(x, perm), e.values, shape: e.shape, atol: 0)
        if perm == [2, 1, 0] {
            try expectClose(try transpose(x), e.values, shape: e.shape, atol: 0)
            try expectClose(try x.T, e.values, shape: e.shape, atol: 0)
        }
    }

    @Test("swapAxes, squeeze, expandDims, flatten")
    func smallShapeOps() throws {
        let x = try arange(6).reshaped([1, 2, 1, 3])
        #expect(try squeeze(x).shape == [2, 3])
        #expect(try squeeze(x, axes: [0]).shape == [2, 1, 3])
        #expect(try squeeze(x, axes: [-2, 0]).shape == [2, 3])
        #expect(try ints(squeeze(x)) == [0, 1, 2, 3, 4, 5])
        #expect(try expandDims(arange(3), axis: 0).shape == [1, 3])
        #expect(try expandDims(arange(3), axis: -1).shape == [3, 1])
        #expect(try expandDims(arange(6).reshaped([2, 3]), axes: [0, 3]).shape == [1, 2, 3, 1])
        #expect(try flatten(x).shape == [6])
        #expect(try flatten(zeros([2, 3, 4]), start: 1).shape == [2, 12])
        #expect(try flatten(zeros([2, 3, 4]), start: 0, end: 1).shape == [6, 4])
        #expect(try flatten(Tensor(3)).shape == [1])
        let s = try swapAxes(arange(6).reshaped([2, 3]), 0, 1)
        #expect(s.shape == [3, 2])
        #expect(try ints(s) == [0, 3, 1, 4, 2, 5])
    }

    @Test("broadcast to a larger shape, and its errors")
    func broadcasts() throws {
        let b = try broadcast(Tensor([1, 2, 3]), to: [2, 3])
        #expect(try ints(b) == [1, 2, 3, 1, 2, 3])
        let c = try broadcast(Tensor([[1], [2]]), to: [3, 2, 4])
        #expect(try ints(c) == [1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2])
        #expect(try ints(broadcast(Tensor(7), to: [2])) == [7, 7])
        expectEngineError("broadcast", ["(3)", "(2,4)", "int32"]) { _ = try broadcast(Tensor([1, 2, 3]), to: [2, 4]) }
        expectEngineError("broadcast", ["(2,3)", "(3)"]) { _ = try broadcast(zeros([2, 3]), to: [3]) }
    }

    @Test("concatenate along each axis with dtype promotion", arguments: [0, 1, 2, -1])
    func concatenation(axis: Int) throws {
        let sa = [2, 3, 4]
        var sb = sa
        let a = normalise(axis)
        sb[a] = 2
        let va = (0..<24).map(Double.init), vb = (0..<(sb.reduce(1, *))).map { 100 + Double($0) * 0.5 }
        let x = try tensor(va, .int32, sa), y = try tensor(vb, .float32, sb)
        let c = try concatenate([x, y], axis: axis)
        var so = sa
        so[a] += 2
        #expect(c.shape == so)
        #expect(c.dtype == .float32)
        let ra = Ref(shape: sa, values: va), rb = Ref(shape: sb, values: vb)
        let expected = (0..<so.reduce(1, *)).map { flat -> Double in
            var idx = Ref.unravel(flat, so)
            if idx[a] < sa[a] { return ra[idx] }
            idx[a] -= sa[a]
            return rb[idx]
        }
        try expectClose(c, expected, atol: 0)
        // Concatenating a transposed view gives the same as its contiguous copy.
        let xt = try transpose(x, [0, 1, 2])
        try expectClose(try concatenate([xt, y], axis: axis), expected, atol: 0)
    }

    func normalise(_ axis: Int) -> Int { axis < 0 ? axis + 3 : axis }

    @Test("concatenate of views, three inputs, and mixed bool/int64")
    func concatenateMore() throws {
        let m = try arange(6).reshaped([2, 3])
        let c = try concatenate([m.T, m.T[.stride(nil, nil, by: -1)]], axis: 1)
        #expect(c.shape == [3, 4])
        #expect(try ints(c) == [0, 3, 2, 5, 1, 4, 1, 4, 2, 5, 0, 3])
        let d = try concatenate([Tensor([true]), Tensor([Int64(5)]), Tensor([Int64(-1)])])
        #expect(d.dtype == .int64)
        #expect(try ints(d) == [1, 5, -1])
        let e = try concatenate([Tensor([Int]()), Tensor([1, 2])])
        #expect(try ints(e) == [1, 2])
    }

    @Test("stack along each axis", arguments: [0, 1, 2, -1])
    func stacking(axis: Int) throws {
        let a = try arange(6).reshaped([2, 3]), b = try (arange(6) + 10).reshaped([2, 3])
        let s = try stack([a, b], axis: axis)
        let ax = axis < 0 ? axis + 3 : axis
        var shape = [2, 3]
        shape.insert(2, at: ax)
        #expect(s.shape == shape)
        let expected = (0..<12).map { flat -> Double in
            var idx = Ref.unravel(flat, shape)
            let which = idx.remove(at: ax)
            return Double(idx[0] * 3 + idx[1] + 10 * which)
        }
        try expectClose(s, expected, atol: 0)
    }

    @Test("stack of 0-d arrays promotes dtypes")
    func stackScalars() throws {
        let s = try stack([Tensor(1), Tensor(2.5), Tensor(true)])
        #expect(s.shape == [3] && s.dtype == .float32)
        try expectClose(s, [1, 2.5, 1])
    }
}

@Suite("Indexing")
struct IndexingTests {
    let x: Tensor
    let m: Tensor
    init() throws {
        x = try arange(10)
        m = try arange(12).reshaped([3, 4])
    }

    @Test("1-D slices with Python semantics (hand-computed)")
    func slices1D() throws {
        #expect(try ints(x[2..<7]) == [2, 3, 4, 5, 6])
        #expect(try ints(x[2...4]) == [2, 3, 4])
        #expect(try ints(x[...3]) == [0, 1, 2, 3])
        #expect(try ints(x[..<2]) == [0, 1])
        #expect(try ints(x[7...]) == [7, 8, 9])
        #expect(try ints(x[.stride(nil, nil, by: -2)]) == [9, 7, 5, 3, 1])  // x[::-2]
        #expect(try ints(x[.stride(nil, nil, by: 3)]) == [0, 3, 6, 9])  // x[::3]
        #expect(try ints(x[.stride(8, 2, by: -3)]) == [8, 5])  // x[8:2:-3]
        #expect(try ints(x[.stride(-3, nil, by: 1)]) == [7, 8, 9])  // x[-3:]
        #expect(try ints(x[.stride(nil, -7, by: 1)]) == [0, 1, 2])  // x[:-7]
        #expect(try ints(x[.stride(-100, 100, by: 3)]) == [0, 3, 6, 9])  // clamped
        #expect(try ints(x[.stride(100, -100, by: -4)]) == [9, 5, 1])  // clamped, negative step
        #expect(try ints(x[.stride(5, 2, by: 1)]) == [])  // empty
        #expect(try x[.stride(5, 2, by: 1)].shape == [0])
        #expect(try ints(x[.stride(nil, -11, by: -1)]) == [9, 8, 7, 6, 5, 4, 3, 2, 1, 0])  // x[:-11:-1]
        #expect(try ints(x[.stride(-11, nil, by: -1)]) == [])  // x[-11::-1]
        #expect(try ints(x[.stride(-1, -4, by: -1)]) == [9, 8, 7])  // x[-1:-4:-1]
        #expect(try ints(x[.stride(3, 3, by: -1)]) == [])
        #expect(try ints(x[.all]) == (0..<10).map(Int64.init))
        #expect(try ints(x[20...]) == [])
        // Closed ranges with negative bounds count from the end, -1 being the last element.
        #expect(try ints(x[(-3)...(-1)]) == [7, 8, 9])
        #expect(try ints(x[(-3)...(-2)]) == [7, 8])
        #expect(try ints(x[...(-1)]) == (0..<10).map(Int64.init))
        #expect(try ints(x[...(-2)]) == (0..<9).map(Int64.init))
        #expect(try ints(x[(-1)...(-1)]) == [9])
        #expect(try ints(x[..<(-1)]) == (0..<9).map(Int64.init))
    }

    @Test("integer indices drop their axis; negatives count from the end")
    func integers() throws {
        #expect(try ints(m[1]) == [4, 5, 6, 7])
        #expect(try m[1].shape == [4])
        let e = try m[-1, 2]
        #expect(e.shape == [])
        #expect(try e.item(Int32.self) == 10)
        #expect(try ints(m[.all, 1]) == [1, 5, 9])
        #expect(try ints(m[.all, -1]) == [3, 7, 11])
        #expect(try ints(x[-10]) == [0])
    }

    @Test("2-D strided slices, new axes and ellipsis")
    func multiAxis() throws {
        let r = try m[.stride(nil, nil, by: -1), .stride(nil, nil, by: -2)]
        #expect(r.shape == [3, 2])
        #expect(try ints(r) == [11, 9, 7, 5, 3, 1])
        let r2 = try m[0..<3, .stride(1, nil, by: 2)]
        #expect(try ints(r2) == [1, 3, 5, 7, 9, 11])
        #expect(try m[.newAxis].shape == [1, 3, 4])
        #expect(try m[.all, .newAxis].shape == [3, 1, 4])
        #expect(try m[.ellipsis, .newAxis].shape == [3, 4, 1])
        #expect(try ints(m[.ellipsis, 0]) == [0, 4, 8])
        #expect(try m[1, .newAxis, .ellipsis].shape == [1, 4])
        let y = try arange(24).reshaped(shape3)
        #expect(try ints(y[0, .ellipsis, 1]) == [1, 5, 9])
        #expect(try y[.ellipsis].shape == shape3)
        #expect(try ints(y[1, .stride(nil, nil, by: -1), 3]) == [23, 19, 15])
        #expect(try ints(y[1, .newAxis, .stride(nil, nil, by: -1), .newAxis, 3]) == [23, 19, 15])
        #expect(try y[1, .newAxis, .stride(nil, nil, by: -1), .newAxis, 3].shape == [1, 3, 1])
        // The brief's example x[1, .all, ::-2, newAxis, ...] on (2,3,4):
        let z = try y[1, .all, .stride(nil, nil, by: -2), .newAxis, .ellipsis]
        #expect(z.shape == [3, 2, 1])
        #expect(try ints(z) == [15, 13, 19, 17, 23, 21])
        // Slicing a slice.
        #expect(try ints(m[1...][.all, 2...][1]) == [10, 11])
    }

    @Test("bad indices are errors, never crashes")
    func badIndices() throws {
        expectEngineError("slice", ["index 3", "axis 0", "size 3", "(3,4) int32"]) { _ = try m[3] }
        expectEngineError("slice", ["index -4"]) { _ = try m[-4] }
        expectEngineError("slice", ["index 4", "axis 1"]) { _ = try m[0, 4] }
        expectEngineError("slice", ["index 100000"]) { _ = try m[100000] }
        expectEngineError("slice", ["too many indices"]) { _ = try m[1, 2, 3] }
        expectEngineError("slice", ["too many indices"]) { _ = try Tensor(1)[0] }
        expectEngineError("slice", ["ellipsis"]) { _ = try m[.ellipsis, .ellipsis] }
        expectEngineError("slice", ["step", "zero"]) { _ = try x[.stride(nil, nil, by: 0)] }
        expectEngineError("slice", ["index 0"]) { _ = try zeros([0])[0] }
    }
}

@Suite("Non-contiguous views behave like contiguous copies")
struct ViewTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let make: @Sendable (Tensor) throws -> Tensor
        let ref: @Sendable (Ref) -> Ref
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "transposed", make: { try transpose($0, [2, 0, 1]) }, ref: { $0.transposed([2, 0, 1]) }),
        Case(name: "strided ::2 on the last axis", make: { try $0[.ellipsis, .stride(nil, nil, by: 2)] }, ref: { r in
            let shape = [2, 3, 2]
            return Ref(shape: shape, values: (0..<12).map { f in var i = Ref.unravel(f, shape); i[2] *= 2; return r[i] })
        }),
        Case(name: "reversed middle axis", make: { try $0[.all, .stride(nil, nil, by: -1)] }, ref: { r in
            Ref(shape: shape3, values: (0..<24).map { f in var i = Ref.unravel(f, shape3); i[1] = 2 - i[1]; return r[i] })
        }),
        Case(name: "broadcast of a slice", make: { try broadcast($0[0, 1...1, .all], to: [2, 3, 4]) }, ref: { r in
            Ref(shape: shape3, values: (0..<24).map { f in r[[0, 1, f % 4]] })
        }),
    ]

    @Test("unary, binary, reductions, cast, matmul, where on views", arguments: cases)
    func ops(c: Case) throws {
        var g = SplitMix(seed: 3)
        let values = g.floats(24, 0.1, 2)
        let base = try f32(values, shape3)
        let view = try c.make(base)
        let ref = c.ref(Ref(shape: shape3, values: values))
        // An independent contiguous copy, built from the reference values (no engine copy involved).
        let copy = try f32(ref.values, ref.shape)
        #expect(view.shape == ref.shape)
        try expectClose(view, ref.values, "view values")
        let pairs: [(String, (Tensor) throws -> Tensor)] = [
            ("exp", { try exp($0) }), ("log", { try log($0) }), ("neg", { try -$0 }),
            ("x*x+1", { try $0 * $0 + 1 }), ("x+copy", { try $0 + copy }),
            ("sum(-1)", { try sum($0, axes: [-1]) }), ("max(0,2)", { try max($0, axes: [0, 2]) }),
            ("mean", { try mean($0) }), ("softmax(1)", { try softmax($0, axis: 1) }),
            ("astype int32", { try astype($0 * 10, .int32) }), ("astype f16", { try astype($0, .float16) }),
            ("matmul with its own T", { try matmul($0, swapAxes($0, -1, -2)) }),
            ("where", { try `where`($0 .> 1.0, $0, 0.0 - $0) }),
            ("argmax(-1)", { try argmax($0, axis: -1) }), ("reshape(-1)", { try reshape($0, [-1]) }),
            ("contiguous", { try contiguous($0) }),
        ]
        for (name, f) in pairs {
            let onView = try f(view), onCopy = try f(copy)
            #expect(onView.shape == onCopy.shape, "\(c.name): \(name)")
            expectClose(try doubles(onView), try doubles(onCopy), rtol: 1e-6, atol: 1e-6, "\(c.name): \(name)")
        }
    }
}

@Suite("Creation ops")
struct CreationTests {
    @Test("zeros, ones, full infer or take dtypes")
    func fills() throws {
        let z = try zeros([2, 3])
        #expect(z.dtype == .float32 && z.shape == [2, 3])
        #expect(try floats(z) == [Float](repeating: 0, count: 6))
        #expect(try ints(ones([2], dtype: .int64)) == [1, 1])
        #expect(try ones([2], dtype: .int64).dtype == .int64)
        #expect(try bools(ones([2], dtype: .bool)) == [true, true])
        let f = try full([2, 2], 7)
        #expect(f.dtype == .int32)
        #expect(try ints(f) == [7, 7, 7, 7])
        #expect(try full([2], 2.5).dtype == .float32)
        #expect(try bools(full([2], true)) == [true, true])
        #expect(try ints(full([2], 3.7, dtype: .int32)) == [3, 3])
        try expectClose(try full([1], 0.1, dtype: .float16), [0.0999755859375])
        #expect(try zerosLike(f).dtype == .int32)
        #expect(try ints(onesLike(f)) == [1, 1, 1, 1])
        #expect(try zeros([]).shape == [])
        #expect(try zeros([3, 0]).size == 0)
    }

    @Test("arange and linspace")
    func ranges() throws {
        let a = try arange(5)
        #expect(a.dtype == .int32)
        #expect(try ints(a) == [0, 1, 2, 3, 4])
        #expect(try ints(arange(5, 0, step: -2)) == [5, 3, 1])
        #expect(try ints(arange(2, 9, step: 3)) == [2, 5, 8])
        #expect(try ints(arange(3, 3)) == [])
        #expect(try ints(arange(3, 1)) == [])
        let f = try arange(0.0, 1.0, step: 0.25)
        #expect(f.dtype == .float32)
        try expectClose(f, [0, 0.25, 0.5, 0.75])
        #expect(try arange(0.0, 1.0, step: 0.1).shape == [10])
        #expect(try ints(arange(0, 3, dtype: .int64)) == [0, 1, 2])
        #expect(try arange(0, 3, dtype: .int64).dtype == .int64)
        try expectClose(try linspace(0, 1, count: 5), [0, 0.25, 0.5, 0.75, 1])
        try expectClose(try linspace(2, -2, count: 3), [2, 0, -2])
        try expectClose(try linspace(3, 9, count: 1), [3])
        #expect(try linspace(0, 1, count: 0).shape == [0])
    }

    @Test("eye and identity")
    func eyes() throws {
        try expectClose(try eye(3), [1, 0, 0, 0, 1, 0, 0, 0, 1], shape: [3, 3])
        try expectClose(try eye(3, 4, k: 1), [0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], shape: [3, 4])
        try expectClose(try eye(3, 2, k: -1), [0, 0, 1, 0, 0, 1], shape: [3, 2])
        let i = try identity(2, dtype: .int32)
        #expect(i.dtype == .int32)
        #expect(try ints(i) == [1, 0, 0, 1])
        #expect(try eye(0).shape == [0, 0])
        #expect(try eye(3, 0).shape == [3, 0])
        #expect(try doubles(eye(3, 0)).isEmpty)
    }

    @Test("bad creation arguments are errors")
    func badCreation() throws {
        expectEngineError("arange", ["step"]) { _ = try arange(0, 5, step: 0) }
        expectEngineError("arange", ["step"]) { _ = try arange(0.0, 1.0, step: .nan) }
        expectEngineError("arange") { _ = try arange(0.0, 1e300, step: 1e-300) }
        expectEngineError("linspace", ["-1"]) { _ = try linspace(0, 1, count: -1) }
        expectEngineError("eye", ["-2"]) { _ = try eye(-2) }
        expectEngineError("eye", ["too many"]) { _ = try eye(Int.max, 3) }
        expectEngineError("zeros", ["(2,-1)"]) { _ = try zeros([2, -1]) }
        expectEngineError("ones", ["(-3)"]) { _ = try ones([-3]) }
        expectEngineError("full", ["(-1)"]) { _ = try full([-1], 1) }
        expectEngineError("zeros") { _ = try zeros([Int.max, 4]) }
        expectEngineError("uniform", ["(-1)"]) { _ = try Random.uniform(shape: [-1]) }
        expectEngineError("normal", ["int32"]) { _ = try Random.normal(shape: [1], dtype: .int32) }
        expectEngineError("uniform", ["too many"]) { _ = try Random.uniform(shape: [Int.max, 4]) }
        expectEngineError("normal", ["too many"]) { _ = try Random.normal(shape: [4, Int.max]) }
    }
}

@Suite("Layout copies for every element size")
struct LayoutPerDTypeTests {
    @Test("transpose/reverse/slice/broadcast/concatenate/stack/contiguous keep values (1-, 2-, 4- and 8-byte elements)",
          arguments: DType.allCases)
    func layouts(dtype: DType) throws {
        // Values that every dtype represents exactly (bool: zero/non-zero pattern).
        let values: [Double] = dtype == .bool ? (0..<24).map { Double($0 % 3 == 0 ? 1 : 0) } : (0..<24).map { Double($0 - 7) }
        let x = try tensor(values, dtype, shape3)
        let ref = Ref(shape: shape3, values: values)
        let t = try transpose(x, [1, 2, 0])
        let et = ref.transposed([1, 2, 0])
        try expectClose(try contiguous(t), et.values, shape: et.shape, atol: 0, "contiguous(transpose)")
        try expectClose(try t.reshaped([-1]), et.values, atol: 0, "reshape(transpose)")
        let r = try x[.stride(nil, nil, by: -1), .all, .stride(1, nil, by: 2)]  // (2,3,2)
        let er = (0..<12).map { f -> Double in
            let i = Ref.unravel(f, [2, 3, 2])
            return ref[[1 - i[0], i[1], 1 + 2 * i[2]]]
        }
        try expectClose(r, er, shape: [2, 3, 2], atol: 0, "reversed/strided slice")
        let c = try concatenate([r, r[.all, .all, 0...0]], axis: 2)  // (2,3,3)
        let ec = (0..<18).map { f -> Double in
            let i = Ref.unravel(f, [2, 3, 3])
            return er[Ref.ravel([i[0], i[1], i[2] == 2 ? 0 : i[2]], [2, 3, 2])]
        }
        try expectClose(c, ec, shape: [2, 3, 3], atol: 0, "concatenate of views")
        #expect(c.dtype == dtype)
        let b = try broadcast(x[0, 0...0], to: [2, 3, 4])  // row 0 of x[0], repeated
        try expectClose(b, (0..<24).map { values[$0 % 4] }, atol: 0, "broadcast")
        let s = try stack([x[0], x[1]], axis: 1)  // (3,2,4)
        let es = (0..<24).map { f -> Double in let i = Ref.unravel(f, [3, 2, 4]); return ref[[i[1], i[0], i[2]]] }
        try expectClose(s, es, shape: [3, 2, 4], atol: 0, "stack")
        let mask = try tensor([1, 0, 1, 0], .bool, [4])
        let flipped = try x[.ellipsis, .stride(nil, nil, by: -1)]
        var ew: [Double] = []
        for f in 0..<24 {
            let column = f % 4
            ew.append(column % 2 == 0 ? values[f] : values[f - column + 3 - column])
        }
        try expectClose(try `where`(mask, x, flipped), ew, atol: 0, "where")
    }
}

@Suite("astype for all pairs")
struct AstypeAllPairsTests {
    @Test("every (from, to) pair converts 0, 1, 2, -3 by the rules", arguments: TypePair.all)
    func pair(p: TypePair) throws {
        let input: [Double] = p.a == .bool ? [0, 1, 1, 1] : [0, 1, 2, -3]
        let y = try astype(tensor(input, p.a), p.b)
        #expect(y.dtype == p.b)
        let expected = p.b == .bool ? input.map { $0 != 0 ? 1.0 : 0 } : input
        try expectClose(y, expected, atol: 0)
    }
}

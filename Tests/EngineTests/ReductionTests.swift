import Foundation
import Testing

@testable import Engine

let shape3: [Int] = [2, 3, 4]

/// Test inputs for a dtype: small integers (so int32 products cannot wrap), or floats.
func reductionInput(_ dtype: DType, seed: UInt64, shape: [Int] = shape3) -> [Double] {
    var g = SplitMix(seed: seed)
    let n = shape.reduce(1, *)
    switch dtype {
    case .bool: return g.ints(n, 0, 1).map(Double.init)
    case .int32, .int64: return g.ints(n, -2, 2).map(Double.init)
    case .float16: return g.floats(n, -1, 1).map { Double(Float(Float16(Float($0)))) }
    case .float32: return g.floats(n, -2, 2)
    }
}

@Suite("Reductions vs a naive reference")
struct ReductionTests {
    @Test("sum/prod/max/min/mean/all/any over every axis subset, keepDims on and off",
          arguments: [DType.bool, .int32, .int64, .float16, .float32], subsets(3))
    func everySubset(dtype: DType, axes: [Int]) throws {
        let values = reductionInput(dtype, seed: 42 + UInt64(axes.count))
        let ref = Ref(shape: shape3, values: values)
        let x = try tensor(values, dtype, shape3)
        let sumType: DType = dtype == .bool ? .int32 : dtype
        let r = dtype == .float16 ? 2e-3 : 1e-5
        let n = Double(axes.reduce(1) { $0 * shape3[$1] })
        // Negative spellings of the same axes must mean the same thing.
        let negative = axes.map { $0 - 3 }
        for keep in [false, true] {
            for spelled in [axes, negative] {
                let s = try sum(x, axes: spelled, keepDims: keep)
                let e = ref.reduce(axes: axes, keepDims: keep, initial: 0, +)
                #expect(s.dtype == sumType)
                try expectClose(s, e.values, shape: e.shape, rtol: r, atol: r, "sum \(axes) keep=\(keep)")

                let p = try prod(x, axes: spelled, keepDims: keep)
                let ep = ref.reduce(axes: axes, keepDims: keep, initial: 1, *)
                #expect(p.dtype == sumType)
                try expectClose(p, ep.values, shape: ep.shape, rtol: r, atol: r * 1e-3, "prod \(axes)")

                let mx = try max(x, axes: spelled, keepDims: keep)
                let emx = ref.reduce(axes: axes, keepDims: keep, initial: -.infinity) { Swift.max($0, $1) }
                #expect(mx.dtype == dtype)
                try expectClose(mx, emx.values, shape: emx.shape, atol: 0, "max \(axes)")

                let mn = try min(x, axes: spelled, keepDims: keep)
                let emn = ref.reduce(axes: axes, keepDims: keep, initial: .infinity) { Swift.min($0, $1) }
                try expectClose(mn, emn.values, shape: emn.shape, atol: 0, "min \(axes)")

                let m = try mean(x, axes: spelled, keepDims: keep)
                #expect(m.dtype == dtype.floatingResult)
                try expectClose(m, e.values.map { $0 / n }, shape: e.shape, rtol: r, atol: r, "mean \(axes)")

                let al = try all(x, axes: spelled, keepDims: keep)
                let eal = ref.reduce(axes: axes, keepDims: keep, initial: 1) { $0 != 0 && $1 != 0 ? 1 : 0 }
                #expect(al.dtype == .bool)
                try expectClose(al, eal.values, shape: eal.shape, atol: 0, "all \(axes)")

                let an = try any(x, axes: spelled, keepDims: keep)
                let ean = ref.reduce(axes: axes, keepDims: keep, initial: 0) { $0 != 0 || $1 != 0 ? 1 : 0 }
                try expectClose(an, ean.values, shape: ean.shape, atol: 0, "any \(axes)")
            }
        }
    }

    @Test("reductions with no axes reduce everything; methods agree with free functions")
    func allAxesDefault() throws {
        let x = try Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(try ints(sum(x)) == [21])
        #expect(try sum(x).shape == [])
        #expect(try sum(x, keepDims: true).shape == [1, 1])
        #expect(try ints(prod(x)) == [720])
        #expect(try ints(max(x)) == [6] && ints(min(x)) == [1])
        try expectClose(try mean(x), [3.5])
        #expect(try ints(x.sum(axis: 1)) == [6, 15])
        #expect(try ints(x.sum(axes: [0])) == [5, 7, 9])
        try expectClose(try x.mean(axis: 0), [2.5, 3.5, 4.5])
        #expect(try ints(x.max(axes: [1])) == [3, 6])
        #expect(try ints(x.min(axes: [0], keepDims: true)) == [1, 2, 3])
        #expect(try x.min(axes: [0], keepDims: true).shape == [1, 3])
        // 0-d input: reducing "all axes" of a scalar is the scalar itself.
        #expect(try ints(sum(Tensor(7))) == [7])
        #expect(try ints(argmax(Tensor(7))) == [0])
    }

    @Test("reductions of a transposed / strided / broadcast view equal those of a contiguous copy",
          arguments: subsets(3))
    func views(axes: [Int]) throws {
        let values = reductionInput(.float32, seed: 7)
        let x = try f32(values, shape3)
        let t = try transpose(x, [2, 0, 1])  // (4,2,3) view
        let ref = Ref(shape: shape3, values: values).transposed([2, 0, 1])
        let e = ref.reduce(axes: axes, keepDims: false, initial: 0, +)
        try expectClose(try sum(t, axes: axes), e.values, shape: e.shape, "sum of transposed \(axes)")
        let c = try contiguous(t)
        try expectClose(try sum(c, axes: axes), e.values, shape: e.shape, "sum of contiguous copy \(axes)")
        let emx = ref.reduce(axes: axes, keepDims: true, initial: -.infinity) { Swift.max($0, $1) }
        try expectClose(try max(t, axes: axes, keepDims: true), emx.values, shape: emx.shape)
        // Broadcast view: (2,3,4) from (1,3,1); sums count repeated elements.
        let small = try f32([1, 2, 3], [1, 3, 1])
        let b = try broadcast(small, to: shape3)
        let eb = Ref(shape: shape3, values: (0..<24).map { Double(($0 / 4) % 3 + 1) })
            .reduce(axes: axes, keepDims: false, initial: 0, +)
        try expectClose(try sum(b, axes: axes), eb.values, shape: eb.shape, "sum of broadcast \(axes)")
    }

    @Test("argmax/argmin along each axis return the first extreme (int32)",
          arguments: [DType.bool, .int32, .int64, .float16, .float32])
    func argReductions(dtype: DType) throws {
        let values = reductionInput(dtype, seed: 99)  // small ints → many ties
        let ref = Ref(shape: shape3, values: values)
        let x = try tensor(values, dtype, shape3)
        for axis in 0..<3 {
            let outShape = shape3.indices.filter { $0 != axis }.map { shape3[$0] }
            var eMax: [Double] = [], eMin: [Double] = []
            for o in 0..<outShape.reduce(1, *) {
                var idx = Ref.unravel(o, outShape)
                idx.insert(0, at: axis)
                var bi = 0, si = 0
                for i in 0..<shape3[axis] {
                    idx[axis] = i
                    var bIdx = idx; bIdx[axis] = bi
                    var sIdx = idx; sIdx[axis] = si
                    if ref[idx] > ref[bIdx] { bi = i }
                    if ref[idx] < ref[sIdx] { si = i }
                }
                eMax.append(Double(bi))
                eMin.append(Double(si))
            }
            for spelled in [axis, axis - 3] {
                let am = try argmax(x, axis: spelled)
                #expect(am.dtype == .int32)
                try expectClose(am, eMax, shape: outShape, atol: 0, "argmax axis \(axis) \(dtype)")
                try expectClose(try argmin(x, axis: spelled), eMin, shape: outShape, atol: 0, "argmin axis \(axis)")
                var keptShape = shape3
                keptShape[axis] = 1
                #expect(try argmax(x, axis: spelled, keepDims: true).shape == keptShape)
            }
        }
        // Flattened: index into the row-major order.
        let flatMax = values.indices.first { values[$0] == values.max()! }!
        #expect(try ints(argmax(x)) == [Int64(flatMax)])
        #expect(try argmax(x, keepDims: true).shape == [1, 1, 1])
    }

    @Test("NaN: max/min propagate it, argmax/argmin point at the first NaN (NumPy)")
    func nanReductions() throws {
        let x = try Tensor([[1.0, .nan, 3], [4, 5, 6]])
        try expectClose(try max(x, axes: [1]), [.nan, 6])
        try expectClose(try min(x, axes: [1]), [.nan, 4])
        try expectClose(try max(x), [.nan])
        try expectClose(try sum(x, axes: [0]), [5, .nan, 9])
        #expect(try ints(argmax(x, axis: 1)) == [1, 2])
        #expect(try ints(argmin(x, axis: 1)) == [1, 0])
        let h = try Tensor([Float16(1), .nan, 2])
        try expectClose(try max(h), [.nan])
    }

    @Test("empty reductions: sum → 0, prod → 1, all → true, any → false, mean → NaN; max over an empty axis is an error")
    func emptyReductions() throws {
        let e = try zeros([0, 3])
        try expectClose(try sum(e), [0], shape: [])
        try expectClose(try sum(e, axes: [0]), [0, 0, 0], shape: [3])
        #expect(try sum(e, axes: [1]).shape == [0])
        try expectClose(try prod(e, axes: [0]), [1, 1, 1])
        #expect(try bools(all(e)) == [true])
        #expect(try bools(any(e)) == [false])
        try expectClose(try mean(e), [.nan])
        #expect(try ints(sum(Tensor([Int]()))) == [0])
        expectEngineError("max", ["(0,3)", "float32"]) { _ = try max(e, axes: [0]) }
        expectEngineError("min", ["(0,3)"]) { _ = try min(e) }
        expectEngineError("argmax", ["(0,3)"]) { _ = try argmax(e, axis: 0) }
        expectEngineError("argmin", ["(0,3)"]) { _ = try argmin(e) }
        // Reducing a non-empty axis of an empty array is fine: the result is empty too.
        #expect(try max(e, axes: [1]).shape == [0])
        try expectClose(try max(e, axes: [1]), [])
    }

    @Test("one-element arrays")
    func oneElement() throws {
        let x = try Tensor([[[5.5]]])
        try expectClose(try sum(x), [5.5], shape: [])
        try expectClose(try max(x, axes: [1]), [5.5], shape: [1, 1])
        try expectClose(try mean(x, keepDims: true), [5.5], shape: [1, 1, 1])
        #expect(try ints(argmax(x, axis: 2)) == [0])
        try expectClose(try softmax(x, axis: -1), [1])
        try expectClose(try logsumexp(x), [5.5])
        #expect(try x.item(Float.self) == 5.5)
    }

    @Test("integer sums wrap like the elementwise ops")
    func intSumWraps() throws {
        let x = try Tensor([Int32.max, 1])
        #expect(try ints(sum(x)) == [Int64(Int32.min)])
        #expect(try ints(prod(Tensor([Int32(65536), 65536]))) == [0])
    }
}

@Suite("softmax and logsumexp vs a naive reference")
struct SoftmaxTests {
    func naive(_ ref: Ref, axes: [Int]) -> (softmax: [Double], lse: Ref) {
        let m = ref.reduce(axes: axes, keepDims: true, initial: -.infinity) { Swift.max($0, $1) }
        let keptShape = m.shape
        var sums = [Double](repeating: 0, count: m.values.count)
        func kept(_ flat: Int) -> Int {
            var idx = Ref.unravel(flat, ref.shape)
            for a in axes { idx[a] = 0 }
            return Ref.ravel(idx, keptShape)
        }
        for i in 0..<ref.count { sums[kept(i)] += Foundation.exp(ref.values[i] - m.values[kept(i)]) }
        let soft = (0..<ref.count).map { Foundation.exp(ref.values[$0] - m.values[kept($0)]) / sums[kept($0)] }
        let lse = zip(m.values, sums).map { $0 + Foundation.log($1) }
        let outShape = ref.shape.indices.filter { !axes.contains($0) }.map { ref.shape[$0] }
        return (soft, Ref(shape: outShape, values: lse))
    }

    @Test("over every non-empty axis subset", arguments: [DType.float16, .float32, .int32], subsets(3).filter { !$0.isEmpty })
    func subsetsOfAxes(dtype: DType, axes: [Int]) throws {
        var g = SplitMix(seed: 5)
        let values: [Double] = dtype == .int32 ? g.ints(24, -3, 3).map(Double.init)
            : g.floats(24, -3, 3).map { dtype == .float16 ? Double(Float(Float16(Float($0)))) : $0 }
        let ref = Ref(shape: shape3, values: values)
        let x = try tensor(values, dtype, shape3)
        let (soft, lse) = naive(ref, axes: axes)
        let r = dtype == .float16 ? 3e-3 : 2e-6
        let s = try softmax(x, axes: axes)
        #expect(s.shape == shape3 && s.dtype == dtype.floatingResult)
        try expectClose(s, soft, rtol: r, atol: r * 1e-2, "softmax \(axes)")
        let l = try logsumexp(x, axes: axes)
        try expectClose(l, lse.values, shape: lse.shape, rtol: r, atol: r, "logsumexp \(axes)")
        var keep = shape3
        for a in axes { keep[a] = 1 }
        #expect(try logsumexp(x, axes: axes, keepDims: true).shape == keep)
        // Softmax rows sum to one along the normalised axes.
        try expectClose(try sum(s, axes: axes), [Double](repeating: 1, count: lse.values.count), rtol: r)
        // The result of softmax feeds later ops correctly (its layout may be permuted internally).
        try expectClose(try reshape(s, [-1]), soft, rtol: r, atol: r * 1e-2, "softmax reshaped \(axes)")
        try expectClose(try s + 0.0, soft, rtol: r, atol: r * 1e-2)
    }

    @Test("softmax without axes normalises over all elements (MLX)")
    func softmaxAll() throws {
        let x = try Tensor([[1.0, 2], [3, 4]])
        let d = [1.0, 2, 3, 4].map { Foundation.exp($0) }
        let t = d.reduce(0, +)
        try expectClose(try softmax(x), d.map { $0 / t })
        try expectClose(try logsumexp(x), [Foundation.log(t)])
    }

    @Test("numerically stable: large inputs, -inf entries, all -inf rows")
    func stability() throws {
        let x = try Tensor([1000.0, 1000, -.infinity])
        try expectClose(try softmax(x, axis: 0), [0.5, 0.5, 0])
        try expectClose(try logsumexp(x), [1000 + M_LN2], rtol: 1e-6)
        try expectClose(try logsumexp(Tensor([-Double.infinity, -.infinity])), [-.infinity])
        try expectClose(try logsumexp(Tensor([Double.infinity, 1])), [.infinity])
        try expectClose(try logsumexp(Tensor([1.0, .nan])), [.nan])
        try expectClose(try softmax(Tensor([1.0, .nan]), axis: 0), [.nan, .nan])
        try expectClose(try logsumexp(zeros([0])), [-.infinity])
        try expectClose(try softmax(Tensor([-1e30, 0]), axis: 0), [0, 1])
    }
}

@Suite("Reductions: float16 ranges")
struct Float16ReductionTests {
    @Test("mean of more than 65504 float16 values (the count overflows float16)")
    func meanLargeCount() throws {
        let x = try full([70_000], 0.5, dtype: .float16)
        let m = try mean(x)
        #expect(m.dtype == .float16)
        try expectClose(m, [0.5], rtol: 1e-3)
        // The sum (40000) overflows float16's range only if accumulated there; the mean is 0.5.
        let y = try full([80_000], 0.5, dtype: .float16)
        try expectClose(try mean(y), [0.5], rtol: 1e-3)
        try expectClose(try mean(y.reshaped([2, 40_000]), axes: [1]), [0.5, 0.5], rtol: 1e-3)
    }
}

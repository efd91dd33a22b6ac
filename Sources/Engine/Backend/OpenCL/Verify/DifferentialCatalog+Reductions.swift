/// Reductions over random axes, argmax/argmin, softmax and logsumexp.
extension DifferentialCatalog {
    /// (shape, axes, layout) triples; `nonEmpty` keeps reduced axes non-empty (max, min, argmax).
    static func reductionShapes(_ rng: inout SplitMix, quick: Bool, nonEmpty: Bool) -> [([Int], [Int], InputLayout)] {
        var out: [([Int], [Int], InputLayout)] = [([], [], .contiguous), ([1], [0], .contiguous), ([3, 1000], [1], .contiguous), ([40, 3], [0], .transposed)]
        // Long rows: reductions split them across work-groups.
        out.append(([3, 70_001], [1], .contiguous))
        out.append(([2, 300, 257], [0, 2], .strided))
        if !nonEmpty { out.append(([3, 0, 2], [1], .contiguous)) }
        out.append(([0, 4], [1], .contiguous))
        for layout in InputLayout.allCases {
            for _ in 0..<(quick ? 1 : 3) {
                let shape = TrialShapes.random(&rng)
                out.append((shape, TrialShapes.axes(rank: shape.count, &rng), layout))
            }
        }
        return out
    }

    static var reductions: [DifferentialCase] {
        var cases: [DifferentialCase] = []
        let combos: [(ReduceOp, DType)] =
            [ReduceOp.sum, .prod, .max, .min].flatMap { op in [DType.int32, .int64, .float16, .float32].map { (op, $0) } }
            + [(.all, .bool), (.any, .bool), (.max, .bool), (.min, .bool)]
        for (op, dtype) in combos {
            cases.append(DifferentialCase(name: "reduce.\(op).\(dtype)") { rng, quick throws(EngineError) in
                try reductionShapes(&rng, quick: quick, nonEmpty: op == .max || op == .min).map { shape, axes, layout throws(EngineError) in
                    let values: ValueKind = op == .prod ? .plain : .general
                    let x = try DifferentialInputs.tensor(dtype, shape: shape, layout: layout, values: values, rng: &rng)
                    let inner = Shape.count(axes.map { shape[$0] })
                    let tolerance: Tolerance =
                        switch (op, dtype) {
                        case (.sum, .float32), (.prod, .float32): .relative(1e-5, floor: op == .sum ? Double(inner) : 1e-30)
                        case (.sum, .float16), (.prod, .float16): .ulps(1)
                        default: .exact
                        }
                    return Trial(
                        primitive: .reduce(op, axes: axes), inputs: [x], shape: reductionShape(shape, axes: axes, keepDims: false),
                        dtype: dtype, tolerance: tolerance, label: TrialShapes.describe([x], layouts: [layout]) + " axes \(axes)")
                }
            })
        }
        return cases
    }

    static var argReductions: [DifferentialCase] {
        var cases: [DifferentialCase] = []
        for op in [ArgReduceOp.argmax, .argmin] {
            for dtype in dtypes {
                cases.append(DifferentialCase(name: "\(op).\(dtype)") { rng, quick throws(EngineError) in
                    var trials: [Trial] = []
                    for (shape, _, layout) in reductionShapes(&rng, quick: quick, nonEmpty: true) where !shape.isEmpty {
                        let axis = Int.random(in: 0..<shape.count, using: &rng)
                        guard shape[axis] > 0 else { continue }
                        let x = try DifferentialInputs.tensor(dtype, shape: shape, layout: layout, values: .general, rng: &rng)
                        trials.append(Trial(
                            primitive: .argReduce(op, axis: axis), inputs: [x], shape: reductionShape(shape, axes: [axis], keepDims: false),
                            dtype: .int32, tolerance: .exact, label: TrialShapes.describe([x], layouts: [layout]) + " axis \(axis)"))
                    }
                    return trials
                })
            }
        }
        return cases
    }

    static var normalizers: [DifferentialCase] {
        var cases: [DifferentialCase] = []
        for dtype in [DType.float32, .float16] {
            cases.append(DifferentialCase(name: "softmax.\(dtype)") { rng, quick throws(EngineError) in
                try reductionShapes(&rng, quick: quick, nonEmpty: false).enumerated().map { i, triple throws(EngineError) in
                    let (shape, axes, layout) = triple
                    let x = try DifferentialInputs.tensor(dtype, shape: shape, layout: layout, values: i % 3 == 0 ? .general : .plain, rng: &rng)
                    return Trial(
                        primitive: .softmax(axes: axes), inputs: [x], shape: shape, dtype: dtype,
                        tolerance: dtype == .float16 ? .ulps(1) : .relative(1e-5, floor: 1e-30),
                        label: TrialShapes.describe([x], layouts: [layout]) + " axes \(axes)")
                }
            })
            cases.append(DifferentialCase(name: "logsumexp.\(dtype)") { rng, quick throws(EngineError) in
                try reductionShapes(&rng, quick: quick, nonEmpty: false).enumerated().map { i, triple throws(EngineError) in
                    let (shape, axes, layout) = triple
                    let x = try DifferentialInputs.tensor(dtype, shape: shape, layout: layout, values: i % 3 == 0 ? .general : .plain, rng: &rng)
                    return Trial(
                        primitive: .logsumexp(axes: axes), inputs: [x], shape: reductionShape(shape, axes: axes, keepDims: false),
                        dtype: dtype, tolerance: dtype == .float16 ? .ulps(1) : .ulps(4),
                        label: TrialShapes.describe([x], layouts: [layout]) + " axes \(axes)")
                }
            })
        }
        return cases
    }
}

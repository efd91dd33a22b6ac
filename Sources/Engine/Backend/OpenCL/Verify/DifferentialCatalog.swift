/// Every non-view primitive × dtype as a differential case. Tolerances: exact wherever the CPU's
/// arithmetic is IEEE-exact (the kernels reproduce its expressions), a few ulp where both sides
/// call a math library (log, sin, cos, pow; float16 exp/tanh/sigmoid use glibc on the CPU), and
/// relative bounds where summation order differs (matmul, softmax's float sum).
enum DifferentialCatalog {
    static let dtypes = DType.allCases

    static var all: [DifferentialCase] {
        generators + unaries + binaries + selects + casts + reductions + argReductions + normalizers + matmuls + concatenations
    }

    private static func cpu() -> DeviceStream { Runtime.shared.cpuDefaultStream }

    // MARK: Generators

    static var generators: [DifferentialCase] {
        var cases: [DifferentialCase] = []
        for dtype in dtypes {
            cases.append(DifferentialCase(name: "full.\(dtype)") { rng, _ throws(EngineError) in
                let values: [Scalar] = [.int(-3), .float(2.7), .bool(true), .float(-1e10), .int(7_000_000_001), .float(.nan)]
                return [[], [5], [0], [3, 4], [129]].enumerated().map { i, shape in
                    let value = values[i % values.count]
                    return Trial(primitive: .full(value), inputs: [], shape: shape, dtype: dtype, tolerance: .exact, label: "\(value) \(formatShape(shape))")
                }
            })
            cases.append(DifferentialCase(name: "arange.\(dtype)") { _, _ throws(EngineError) in
                let ranges: [(Double, Double)] = [(-3, 2), (0.5, 0.25), (10, -1.5), (0, 1), (-1e10, 3e9)]
                var trials: [Trial] = []
                for (start, step) in ranges {
                    for count in [0, 1, 17, 300] {
                        trials.append(Trial(
                            primitive: .arange(start: start, step: step), inputs: [], shape: [count], dtype: dtype,
                            tolerance: .exact, label: "start \(start) step \(step) count \(count)"))
                    }
                }
                return trials
            })
            cases.append(DifferentialCase(name: "linspace.\(dtype)") { _, _ throws(EngineError) in
                var trials: [Trial] = []
                for (start, stop) in [(-1.0, 1.0), (0, 10), (3, 3), (1e-3, 7.5)] {
                    for count in [0, 1, 2, 7, 100] {
                        trials.append(Trial(
                            primitive: .linspace(start: start, stop: stop), inputs: [], shape: [count], dtype: dtype,
                            tolerance: .exact, label: "\(start)…\(stop) count \(count)"))
                    }
                }
                return trials
            })
            cases.append(DifferentialCase(name: "eye.\(dtype)") { _, _ throws(EngineError) in
                [(1, 1, 0), (4, 4, 0), (3, 5, 1), (5, 3, -2), (0, 3, 0), (7, 7, 9), (33, 40, -1)].map { n, m, k in
                    Trial(primitive: .eye(k: k), inputs: [], shape: [n, m], dtype: dtype, tolerance: .exact, label: "\(n)×\(m) k \(k)")
                }
            })
        }
        for dtype in [DType.float32, .float16] {
            for normal in [false, true] {
                cases.append(DifferentialCase(name: "\(normal ? "normal" : "uniform").\(dtype)") { rng, quick throws(EngineError) in
                    var trials: [Trial] = []
                    for count in quick ? [1, 5, 1000] : [1, 2, 5, 64, 1000, 4097] {
                        let key = RandomKey(seed: rng.next())
                        let (a, b) = normal ? (0.5, 2.0) : (-2.0, 3.5)
                        let primitive: Primitive =
                            normal ? .randomNormal(key: key, loc: a, scale: b) : .randomUniform(key: key, low: a, high: b)
                        // glibc's logf (inside the CPU's erfinv) is not correctly rounded for ~0.1% of inputs.
                        let tolerance: Tolerance = normal ? .mostlyExact(fraction: 0.998, ulps: 8) : .exact
                        trials.append(Trial(primitive: primitive, inputs: [], shape: [count], dtype: dtype, tolerance: tolerance, label: "count \(count) key \(key.high),\(key.low)"))
                    }
                    return trials
                })
            }
        }
        return cases
    }

    // MARK: Elementwise

    static func unaryTolerance(_ op: UnaryOp, _ dtype: DType) -> Tolerance {
        switch (op, dtype) {
        case (.log, _), (.sin, _), (.cos, _): return .ulps(4)
        case (.exp, .float16), (.tanh, .float16), (.sigmoid, .float16): return .ulps(1)
        default: return .exact
        }
    }

    static var unaries: [DifferentialCase] {
        var cases: [DifferentialCase] = []
        for dtype in dtypes {
            for op in UnaryOp.allCases {
                let valid: Bool =
                    switch dtype {
                    case .float16, .float32: true
                    case .int32, .int64: [.negate, .abs, .square, .logicalNot].contains(op)
                    case .bool: [.logicalNot, .abs, .square].contains(op)
                    }
                guard valid else { continue }
                let outType: DType = op == .logicalNot ? .bool : dtype
                cases.append(DifferentialCase(name: "unary.\(op).\(dtype)") { rng, quick throws(EngineError) in
                    try TrialShapes.elementwise(&rng, quick: quick).map { shape, layout throws(EngineError) in
                        let x = try DifferentialInputs.tensor(dtype, shape: shape, layout: layout, values: .general, rng: &rng)
                        return Trial(
                            primitive: .unary(op), inputs: [x], shape: shape, dtype: outType, tolerance: unaryTolerance(op, dtype),
                            label: TrialShapes.describe([x], layouts: [layout]))
                    }
                })
            }
        }
        return cases
    }

    static func binaryValid(_ op: BinaryOp, _ dtype: DType) -> Bool {
        switch dtype {
        case .float16, .float32: return op != .logicalAnd && op != .logicalOr
        case .int32, .int64: return op != .divide && op != .logicalAnd && op != .logicalOr
        case .bool: return op.isComparison || [.logicalAnd, .logicalOr, .add, .multiply, .maximum, .minimum].contains(op)
        }
    }

    static var binaries: [DifferentialCase] {
        var cases: [DifferentialCase] = []
        for dtype in dtypes {
            for op in BinaryOp.allCases where binaryValid(op, dtype) {
                let outType: DType = op.isComparison || op == .logicalAnd || op == .logicalOr ? .bool : dtype
                let tolerance: Tolerance = op == .power && dtype.isFloatingPoint ? .ulps(dtype == .float16 ? 1 : 8) : .exact
                cases.append(DifferentialCase(name: "binary.\(op).\(dtype)") { rng, quick throws(EngineError) in
                    var trials: [Trial] = []
                    for (i, (shape, layout)) in TrialShapes.elementwise(&rng, quick: quick).enumerated() {
                        let x = try DifferentialInputs.tensor(dtype, shape: shape, layout: layout, values: .general, rng: &rng)
                        // Every other trial: the second operand has a smaller shape and is broadcast by the kernel.
                        let yShape = i % 2 == 1 ? TrialShapes.broadcastSource(of: shape, &rng) : shape
                        let yLayout = InputLayout.allCases[(i + 1) % 4]
                        let y = try DifferentialInputs.tensor(dtype, shape: yShape, layout: yLayout, values: .general, rng: &rng)
                        trials.append(Trial(
                            primitive: .binary(op), inputs: [x, y], shape: shape, dtype: outType, tolerance: tolerance,
                            label: TrialShapes.describe([x, y], layouts: [layout, yLayout])))
                    }
                    return trials
                })
            }
        }
        return cases
    }

    static var selects: [DifferentialCase] {
        dtypes.map { dtype in
            DifferentialCase(name: "where.\(dtype)") { rng, quick throws(EngineError) in
                var trials: [Trial] = []
                for (i, (shape, layout)) in TrialShapes.elementwise(&rng, quick: quick).enumerated() {
                    let c = try DifferentialInputs.tensor(.bool, shape: i % 2 == 0 ? shape : TrialShapes.broadcastSource(of: shape, &rng), layout: .contiguous, values: .general, rng: &rng)
                    let x = try DifferentialInputs.tensor(dtype, shape: shape, layout: layout, values: .general, rng: &rng)
                    let y = try DifferentialInputs.tensor(dtype, shape: shape, layout: InputLayout.allCases[(i + 2) % 4], values: .general, rng: &rng)
                    trials.append(Trial(primitive: .select, inputs: [c, x, y], shape: shape, dtype: dtype, tolerance: .exact, label: TrialShapes.describe([c, x, y], layouts: [.contiguous, layout, InputLayout.allCases[(i + 2) % 4]])))
                }
                return trials
            }
        }
    }

    static var casts: [DifferentialCase] {
        var cases: [DifferentialCase] = []
        for from in dtypes {
            for to in dtypes {
                let primitive: Primitive = from == to ? .copy : .astype
                cases.append(DifferentialCase(name: "\(primitive.name).\(from).\(to)") { rng, quick throws(EngineError) in
                    try TrialShapes.elementwise(&rng, quick: quick).map { shape, layout throws(EngineError) in
                        let x = try DifferentialInputs.tensor(from, shape: shape, layout: layout, values: .general, rng: &rng)
                        return Trial(primitive: primitive, inputs: [x], shape: shape, dtype: to, tolerance: .exact, label: TrialShapes.describe([x], layouts: [layout]))
                    }
                })
            }
        }
        return cases
    }

    // MARK: Reductions

    /// (shape, axes, layout) triples; `nonEmpty` keeps reduced axes non-empty (max, min, argmax).
    static func reductionShapes(_ rng: inout SplitMix, quick: Bool, nonEmpty: Bool) -> [([Int], [Int], InputLayout)] {
        var out: [([Int], [Int], InputLayout)] = [([], [], .contiguous), ([1], [0], .contiguous), ([3, 1000], [1], .contiguous), ([40, 3], [0], .transposed)]
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

    // MARK: Matmul and concatenate

    static var matmuls: [DifferentialCase] {
        dtypes.map { dtype in
            DifferentialCase(name: "matmul.\(dtype)") { rng, quick throws(EngineError) in
                var specs: [([Int], [Int], InputLayout, InputLayout)] = [
                    ([1, 1], [1, 1], .contiguous, .contiguous), ([3, 0], [0, 4], .contiguous, .contiguous),
                    ([0, 5], [5, 2], .contiguous, .contiguous), ([33, 17], [17, 65], .contiguous, .contiguous),
                    ([2, 1, 5, 7], [3, 7, 6], .contiguous, .transposed), ([19, 40], [40, 9], .transposed, .transposed),
                    ([4, 9, 12], [12, 5], .strided, .contiguous), ([3, 70, 70], [1, 70, 70], .transposed, .broadcast),
                ]
                for _ in 0..<(quick ? 1 : 3) {
                    let (m, n, k) = (Int.random(in: 1...80, using: &rng), Int.random(in: 1...80, using: &rng), Int.random(in: 1...80, using: &rng))
                    specs.append(([m, k], [k, n], .contiguous, .contiguous))
                }
                return try specs.map { aShape, bShape, aLayout, bLayout throws(EngineError) in
                    let a = try DifferentialInputs.tensor(dtype, shape: aShape, layout: aLayout, values: .plain, rng: &rng)
                    let b = try DifferentialInputs.tensor(dtype, shape: bShape, layout: bLayout, values: .plain, rng: &rng)
                    let batch = try Shape.broadcast([Array(aShape.dropLast(2)), Array(bShape.dropLast(2))], op: "matmul")
                    let shape = batch + [aShape[aShape.count - 2], bShape[bShape.count - 1]]
                    let k = Double(aShape[aShape.count - 1])
                    let tolerance: Tolerance =
                        switch dtype {
                        case .float32: .relative(1e-5, floor: 9 * k)
                        case .float16: .relative(1e-3, floor: 9 * k)
                        default: .exact
                        }
                    return Trial(primitive: .matmul, inputs: [a, b], shape: shape, dtype: dtype, tolerance: tolerance, label: TrialShapes.describe([a, b], layouts: [aLayout, bLayout]))
                }
            }
        }
    }

    static var concatenations: [DifferentialCase] {
        dtypes.map { dtype in
            DifferentialCase(name: "concatenate.\(dtype)") { rng, quick throws(EngineError) in
                var trials: [Trial] = []
                for round in 0..<(quick ? 3 : 6) {
                    let base = round == 0 ? [4] : TrialShapes.random(&rng, maxRank: 3)
                    let axis = Int.random(in: 0..<base.count, using: &rng)
                    var inputs: [Tensor] = []
                    var layouts: [InputLayout] = []
                    for j in 0..<Int.random(in: 2...3, using: &rng) {
                        var shape = base
                        shape[axis] = j == 1 && round % 2 == 0 ? 0 : Int.random(in: 1...5, using: &rng)
                        let layout = InputLayout.allCases.randomElement(using: &rng)!
                        inputs.append(try DifferentialInputs.tensor(dtype, shape: shape, layout: layout, values: .general, rng: &rng))
                        layouts.append(layout)
                    }
                    var shape = base
                    shape[axis] = inputs.reduce(0) { $0 + $1.shape[axis] }
                    trials.append(Trial(primitive: .concatenate(axis: axis), inputs: inputs, shape: shape, dtype: dtype, tolerance: .exact, label: TrialShapes.describe(inputs, layouts: layouts) + " axis \(axis)"))
                }
                return trials
            }
        }
    }
}

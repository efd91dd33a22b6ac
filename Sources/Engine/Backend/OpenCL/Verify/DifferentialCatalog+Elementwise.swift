/// Unary and binary ops, where, astype and copy, with broadcasting and strided operands.
extension DifferentialCatalog {
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
                let tolerance: Tolerance = op == .power && dtype.isFloatingPoint ? .ulps(dtype == .float16 ? 1 : 16) : .exact
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
}

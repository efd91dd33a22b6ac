/// Matmul (batched, broadcast, transposed) and concatenate.
extension DifferentialCatalog {
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

/// full, arange, linspace, eye and the random draws.
extension DifferentialCatalog {
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
}

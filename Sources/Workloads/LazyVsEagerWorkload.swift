import Engine

/// The quick-start's lazy evaluation demo: N × `c = a + b` without eval (only graph building),
/// then N × with eval each time (N round trips through the scheduler).
public struct LazyVsEagerWorkload: Workload {
    public init() {}
    public let name = "lazy-vs-eager"
    public let summary = "N × a+b built lazily vs forced with eval each time (the quick-start seed)"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter("iterations", .integer(1...10_000_000), default: "100", "how many additions"),
        WorkloadParameter("size", .integer(1...1 << 32), default: "4", "elements per array", affectsMemory: true),
        .placement(), .seed,
    ]

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        // a, b, c and the previous c in the engine; a, b and c read back as Swift arrays.
        Bytes.product(arguments.int("size"), 4, 4 + 3 * 2)
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let iterations = arguments.int("iterations")
        let size = arguments.int("size")
        let report = context.report
        var keys = KeyStream(seed: arguments.seed)
        for placement in context.usable(arguments.placements()) {
            let device = StreamOrDevice.device(placement[role: 0])
            let a = try Random.normal(shape: [size], key: keys.next(), stream: device)
            let b = try Random.normal(shape: [size], key: keys.next(), stream: device)
            try eval(a, b)
            let hostA = try a.toArray(Float.self), hostB = try b.toArray(Float.self)
            // Float sums, as the engine computes them; a correct add is exact.
            let expected = zip(hostA, hostB).map { Double($0 + $1) }
            var c = a
            try report.time("\(placement) lazy evaluation (\(iterations) × a + b, no eval)") {
                for step in 0..<iterations {
                    c = try add(a, b, stream: device)
                    if step % 1024 == 0 { try context.checkStopped() }
                }
            }
            report.check("\(placement) lazy c is unevaluated", passed: !c.isEvaluated, "c.isEvaluated = \(c.isEvaluated) after the lazy loop")
            report.check("\(placement) lazy c = a + b", Comparison(try c.toArray(Float.self), expected, rtol: 0, atol: 0))
            try report.time("\(placement) forced evaluation (\(iterations) × a + b; eval)") {
                for step in 0..<iterations {
                    c = try add(a, b, stream: device)
                    try eval(c)
                    if step % 64 == 0 {
                        try context.checkStopped()
                        context.progress(step, of: iterations)
                    }
                }
            }
            report.check("\(placement) forced c is evaluated", passed: c.isEvaluated, "c.isEvaluated = \(c.isEvaluated) after the forced loop")
            report.check("\(placement) forced c = a + b", Comparison(try c.toArray(Float.self), expected, rtol: 0, atol: 0))
        }
    }
}

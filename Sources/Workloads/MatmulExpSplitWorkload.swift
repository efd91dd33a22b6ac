import Engine
import Foundation

/// The quick-start's device-placement experiment: `x = matmul(a, b)` (4096×512 · 512×4) with an
/// eval on the first device, then 500 × `b = exp(b)` with an eval after each step on the second —
/// under the four placements cpu,cpu / gpu,gpu / cpu,gpu / gpu,cpu, shown as the seed's table.
public struct MatmulExpSplitWorkload: Workload {
    public init() {}
    public let name = "matmul-exp-split"
    public let summary = "matmul 4096×512·512×4 on one device, then 500 × exp with eval on another (the four placements)"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter(
            "placement", .placement(arity: 2, options: ["cpu,cpu", "gpu,gpu", "cpu,gpu", "gpu,cpu"]), default: "all",
            "matmul,exp devices"),
        WorkloadParameter("iterations", .integer(1...10_000_000), default: "500", "exp steps, each evaluated"),
        WorkloadParameter("m", .integer(1...1 << 24), default: "4096", "rows of a", affectsMemory: true),
        WorkloadParameter("k", .integer(1...1 << 24), default: "512", "columns of a, rows of b", affectsMemory: true),
        WorkloadParameter("n", .integer(1...1 << 24), default: "4", "columns of b", affectsMemory: true),
        .seed,
    ]

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        let m = arguments.int("m"), k = arguments.int("k"), n = arguments.int("n")
        // Engine: a, b, x and two exp steps; host: a, b, x read back for the checks.
        let elements = Bytes.sum(Bytes.product(m, k, 2), Bytes.product(k, n, 5), Bytes.product(m, n, 3))
        return Bytes.product(elements, 4)
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let m = arguments.int("m"), k = arguments.int("k"), n = arguments.int("n")
        let steps = arguments.int("iterations")
        let report = context.report
        var keys = KeyStream(seed: arguments.seed)
        let a = try Random.uniform(shape: [m, k], key: keys.next())
        let b0 = try Random.uniform(shape: [k, n], key: keys.next())
        try eval(a, b0)
        let hostA = try a.toArray(Float.self), hostB = try b0.toArray(Float.self)
        let rows = Reference.sampleRows(m)
        let expectedRows = Reference.matmulRows(hostA, hostB, k: k, n: n, rows: rows)
        var chain = hostB
        for _ in 0..<steps { chain = chain.map { Foundation.exp($0) } }
        let expectedChain = chain.map(Double.init)

        var table = WorkloadTable(title: "matmul \(m)×\(k) · \(k)×\(n), then \(steps) × exp", columns: ["placement", "elapsed", "matmul", "exp steps"])
        var first: (label: String, x: [Float], b: [Float])?
        let placements = context.usable(arguments.placements())
        for (index, placement) in placements.enumerated() {
            let d1 = StreamOrDevice.device(placement[role: 0]), d2 = StreamOrDevice.device(placement[role: 1])
            var x = a, b = b0
            var matmulMs = 0.0
            let start = EngineClock.now()
            try report.time("\(placement.seedLabel) elapsed time") {
                x = try matmul(a, b0, stream: d1)
                try eval(x)
                matmulMs = Double(EngineClock.now() - start) / 1e6
                for step in 0..<steps {
                    b = try exp(b, stream: d2)
                    try eval(b)
                    if step % 16 == 0 {
                        try context.checkStopped()
                        context.progress(index * steps + step, of: placements.count * steps)
                    }
                }
            }
            let totalMs = Double(EngineClock.now() - start) / 1e6
            table.rows.append([placement.description, formatMilliseconds(totalMs), formatMilliseconds(matmulMs), formatMilliseconds(totalMs - matmulMs)])

            let hostX = try x.toArray(Float.self), hostChain = try b.toArray(Float.self)
            let sampled = rows.flatMap { r in (0..<n).map { hostX[r * n + $0] } }
            // float32 dot products of k terms: error grows with k.
            report.check("\(placement) matmul rows vs naive", Comparison(sampled, expectedRows, rtol: 1e-4, atol: 1e-6 * Double(k)))
            report.check("\(placement) \(steps) × exp vs host expf", Comparison(hostChain, expectedChain, rtol: 1e-4, atol: 1e-6))
            if let first {
                report.check("\(placement) x agrees with \(first.label)", Comparison(hostX, first.x.map(Double.init), rtol: 1e-5, atol: 1e-6 * Double(k)))
                report.check("\(placement) exp chain agrees with \(first.label)", Comparison(hostChain, first.b.map(Double.init), rtol: 1e-5, atol: 1e-6))
            } else {
                first = (placement.description, hostX, hostChain)
            }
        }
        for skip in report.result.skipped { table.rows.append([skip.placement, "skipped", "", ""]) }
        report.table(table)
    }
}

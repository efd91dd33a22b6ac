import Engine

/// Large reductions: the sum of `0, 1, …, N−1` as int64 (exactly N(N−1)/2), the sum and mean of
/// N uniform float32 values against a host sum, and row sums of the same values as a matrix.
public struct ReduceWorkload: Workload {
    public init() {}
    public let name = "reduce"
    public let summary = "Large sums and means: arange sum against N(N−1)/2, uniform sums and row sums against host loops"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter("size", .integer(1...1 << 34), default: "16777216", "elements", affectsMemory: true),
        WorkloadParameter("iterations", .integer(1...1_000_000), default: "5", "times each reduction runs"),
        .placement(), .seed,
    ]

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        // int64 arange, float32 values (engine and host copy in Float).
        Bytes.product(arguments.int("size"), 8 + 4 + 4)
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let n = arguments.int("size"), iterations = arguments.int("iterations")
        let report = context.report
        var keys = KeyStream(seed: arguments.seed)
        let values = try Random.uniform(shape: [n], key: keys.next())
        try eval(values)
        let host = try values.toArray(Float.self)
        let hostSum = host.reduce(0.0) { $0 + Double($1) }
        // Rows of the largest width ≤ 1024 that divides n.
        let width = (1...min(n, 1024)).last { n % $0 == 0 } ?? 1
        let rows = n / width
        let sampledRows = Reference.sampleRows(rows)
        let expectedRowSums = sampledRows.map { r in (0..<width).reduce(0.0) { $0 + Double(host[r * width + $1]) } }
        let nn = Int64(n)
        let expectedArange = nn.multipliedReportingOverflow(by: nn - 1).overflow ? nil : nn * (nn - 1) / 2

        let placements = context.usable(arguments.placements())
        for (index, placement) in placements.enumerated() {
            let device = StreamOrDevice.device(placement[role: 0])
            var total = values, average = values, rowSums = values, arangeSum = values
            try report.time("\(placement) \(iterations) × (sum, mean, row sums of \(n); int64 arange sum)") {
                for step in 0..<iterations {
                    total = try sum(values, stream: device)
                    average = try mean(values, stream: device)
                    rowSums = try sum(try reshape(values, [rows, width], stream: device), axes: [1], stream: device)
                    arangeSum = try sum(try arange(0, n, dtype: .int64, stream: device), stream: device)
                    try eval(total, average, rowSums, arangeSum)
                    try context.checkStopped()
                    context.progress(index * iterations + step + 1, of: placements.count * iterations)
                }
            }
            if let expectedArange {
                report.check("\(placement) sum of arange(\(n)) = N(N−1)/2", Comparison(exact: [try arangeSum.item(Int64.self)], [expectedArange]))
            }
            // float32 accumulation over n terms: allow a relative error growing slowly with n.
            report.check("\(placement) sum vs host sum", Comparison([Double(try total.item(Float.self))], [hostSum], rtol: 1e-4, atol: 1e-3))
            report.check("\(placement) mean vs host sum / N", Comparison([Double(try average.item(Float.self))], [hostSum / Double(n)], rtol: 1e-4, atol: 1e-6))
            let hostRows = try rowSums.toArray(Float.self)
            report.check("\(placement) row sums vs host", Comparison(sampledRows.map { hostRows[$0] }, expectedRowSums, rtol: 1e-5, atol: 1e-4))
        }
    }
}

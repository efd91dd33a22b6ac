import Engine
import Foundation

/// The matmul benchmark seed: float32 N×N · N×N for N = 256…4096, 10 random pairs per size,
/// the mean time per device — the post's chart as a table.
public struct MatmulSweepWorkload: Workload {
    public init() {}
    public let name = "matmul-sweep"
    public let summary = "float32 matmul, sizes 256…4096, 10 random pairs each, mean time per device (the benchmark seed)"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter("sizes", .integerList(1...65_536, maxCount: 32), default: "256,512,1024,2048,4096", "matrix sizes N (N×N · N×N)", affectsMemory: true),
        WorkloadParameter("pairs", .integer(1...10_000), default: "10", "random pairs per size"),
        .placement(default: "all", "the devices compared"),
        .seed,
    ]

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        let n = arguments.ints("sizes").max() ?? 0
        // Engine: a pair and its product; host: the same three read back for the check.
        return Bytes.product(n, n, 4, 6)
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let sizes = arguments.ints("sizes")
        let pairs = arguments.int("pairs")
        let report = context.report
        let placements = context.usable(arguments.placements())
        var columns = ["N"]
        for placement in placements { columns += ["\(placement) mean", "\(placement) GFLOP/s"] }
        var table = WorkloadTable(title: "float32 matmul N×N · N×N, mean of \(pairs) random pairs", columns: columns)
        let total = sizes.count * placements.count * pairs
        var done = 0
        for n in sizes {
            var row = ["\(n)"]
            for placement in placements {
                let device = StreamOrDevice.device(placement[role: 0])
                var keys = KeyStream(seed: arguments.seed &+ UInt64(n))
                var seconds = 0.0
                for pair in 0..<pairs {
                    let x = try Random.uniform(shape: [n, n], key: keys.next(), stream: device)
                    let y = try Random.uniform(shape: [n, n], key: keys.next(), stream: device)
                    try eval(x, y)
                    let start = EngineClock.now()
                    let product = try matmul(x, y, stream: device)
                    try eval(product)
                    seconds += Double(EngineClock.now() - start) / 1e9
                    if pair == 0 {
                        let rows = Reference.sampleRows(n, count: 8)
                        let expected = Reference.matmulEntries(try x.toArray(Float.self), try y.toArray(Float.self), k: n, n: n, rows: rows, columns: rows)
                        let hostProduct = try product.toArray(Float.self)
                        let actual = rows.flatMap { r in rows.map { hostProduct[r * n + $0] } }
                        report.check("\(placement) N=\(n) entries vs naive", Comparison(actual, expected, rtol: 1e-4, atol: 1e-6 * Double(n)))
                    }
                    done += 1
                    context.progress(done, of: total)
                    try context.checkStopped()
                }
                let mean = seconds / Double(pairs)
                row += [formatMilliseconds(mean * 1e3), String(format: "%.1f", 2 * pow(Double(n), 3) / mean / 1e9)]
            }
            table.rows.append(row)
        }
        report.table(table)
    }
}

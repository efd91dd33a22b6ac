import Engine
import Foundation

/// Producer/consumer over two streams: the producer makes chunk i (`x = 2·uniform + 1`) while the
/// consumer reduces chunk i−1 (`sum(sqrt(x))`), so with a GPU on one side copies and compute
/// overlap. Each chunk's sum is checked against a host sum of the same chunk.
public struct PipelineWorkload: Workload {
    public init() {}
    public let name = "pipeline"
    public let summary = "Producer/consumer over two streams, overlapping chunk production, copies and reduction"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter("chunks", .integer(1...100_000), default: "16", "chunks produced and consumed", affectsMemory: true),
        WorkloadParameter("size", .integer(1...1 << 32), default: "1048576", "elements per chunk", affectsMemory: true),
        WorkloadParameter(
            "placement", .placement(arity: 2, options: ["cpu,cpu", "cpu,gpu", "gpu,cpu", "gpu,gpu"]), default: "all",
            "producer,consumer devices"),
        .seed,
    ]

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        // Every chunk stays alive for its check (engine and host copy), plus one temporary.
        Bytes.product(Bytes.sum(Bytes.product(arguments.int("chunks"), 2), 2), arguments.int("size"), 4)
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let chunks = arguments.int("chunks"), size = arguments.int("size")
        let report = context.report
        let placements = context.usable(arguments.placements())
        for (index, placement) in placements.enumerated() {
            let producer = StreamOrDevice.stream(try newStream(on: placement[role: 0], name: "\(Placement.name(of: placement[role: 0])) producer"))
            let consumer = StreamOrDevice.stream(try newStream(on: placement[role: 1], name: "\(Placement.name(of: placement[role: 1])) consumer"))
            var keys = KeyStream(seed: arguments.seed)
            var produced: [Tensor] = []
            var sums: [Tensor] = []
            try report.time("\(placement) \(chunks) chunks of \(size)") {
                for chunk in 0..<chunks {
                    let x = try add(try multiply(try Random.uniform(shape: [size], key: keys.next(), stream: producer), 2.0, stream: producer), 1.0, stream: producer)
                    let s = try sum(try sqrt(x, stream: consumer), stream: consumer)
                    asyncEval(s)  // chunk i+1 is produced while chunk i is consumed
                    produced.append(x)
                    sums.append(s)
                    try context.checkStopped()
                    context.progress(index * chunks + chunk + 1, of: placements.count * chunks)
                }
                try eval(sums)
            }
            var actual: [Double] = []
            var expected: [Double] = []
            var inRange = true
            for (x, s) in zip(produced, sums) {
                let host = try x.toArray(Float.self)
                inRange = inRange && host.allSatisfy { $0 >= 1 && $0 <= 3 }
                expected.append(host.reduce(0.0) { $0 + Foundation.sqrt(Double($1)) })
                actual.append(Double(try s.item(Float.self)))
            }
            report.check("\(placement) chunks lie in [1, 3]", passed: inRange, "x = 2·uniform + 1 for \(chunks) chunks")
            report.check("\(placement) consumer sums vs host sums", Comparison(actual, expected, rtol: 1e-3, atol: 1e-3))
        }
    }
}

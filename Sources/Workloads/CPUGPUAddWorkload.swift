import Engine

/// The quick-start's two cases on two streams: independent adds (`add(a, b)` on each stream,
/// free to run at once) and dependent ones (`d = add(c, b)` on the second stream waits for
/// `c = add(a, b)` on the first).
public struct CPUGPUAddWorkload: Workload {
    public init() {}
    public let name = "cpu-gpu-add"
    public let summary = "Independent vs dependent adds on a CPU and a GPU stream (the quick-start seed)"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter("size", .integer(1...1 << 32), default: "100", "elements per array", affectsMemory: true),
        WorkloadParameter("iterations", .integer(1...1_000_000), default: "10", "how many times each case runs"),
        WorkloadParameter(
            "placement", .placement(arity: 2, options: ["cpu,gpu", "cpu,cpu"]), default: "all",
            "first,second stream's device"),
        .seed,
    ]

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        // a, b, two sums in flight, and host copies of a, b and the results.
        Bytes.product(arguments.int("size"), 4, 4 + 5 * 2)
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let size = arguments.int("size")
        let iterations = arguments.int("iterations")
        let report = context.report
        var keys = KeyStream(seed: arguments.seed)
        let a = try Random.normal(shape: [size], key: keys.next())
        let b = try Random.normal(shape: [size], key: keys.next())
        try eval(a, b)
        let hostA = try a.toArray(Float.self), hostB = try b.toArray(Float.self)
        let sum = zip(hostA, hostB).map { $0 + $1 }
        let expectedSum = sum.map(Double.init)
        let expectedDependent = zip(sum, hostB).map { Double($0 + $1) }
        let placements = context.usable(arguments.placements())
        for (index, placement) in placements.enumerated() {
            let first = StreamOrDevice.stream(try newStream(on: placement[role: 0], name: "\(Placement.name(of: placement[role: 0])) add 1"))
            let second = StreamOrDevice.stream(try newStream(on: placement[role: 1], name: "\(Placement.name(of: placement[role: 1])) add 2"))
            var x = a, y = a
            try report.time("\(placement) independent (\(iterations) × add on each stream)") {
                for _ in 0..<iterations {
                    x = try add(a, b, stream: first)
                    y = try add(a, b, stream: second)
                    try eval(x, y)
                    try context.checkStopped()
                }
            }
            report.check("\(placement) independent first = a + b", Comparison(try x.toArray(Float.self), expectedSum, rtol: 0, atol: 0))
            report.check("\(placement) independent second = a + b", Comparison(try y.toArray(Float.self), expectedSum, rtol: 0, atol: 0))
            var d = a
            try report.time("\(placement) dependent (\(iterations) × c = a + b, then d = c + b)") {
                for _ in 0..<iterations {
                    let c = try add(a, b, stream: first)
                    d = try add(c, b, stream: second)
                    try eval(d)
                    try context.checkStopped()
                }
            }
            report.check("\(placement) dependent d = (a + b) + b", Comparison(try d.toArray(Float.self), expectedDependent, rtol: 0, atol: 0))
            context.progress(index + 1, of: placements.count)
        }
    }
}

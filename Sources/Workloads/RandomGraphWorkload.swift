import Engine
import Foundation

/// A stress test: thousands of small elementwise ops, each on a randomly chosen stream of every
/// device in the placement, each reading recent results (so most edges cross streams). Every
/// value is recomputed by a host interpreter of the same ops and compared.
///
/// The ops keep values in [−1, 1] and none amplifies an error (all are 1-Lipschitz there), so a
/// small tolerance holds however deep the graph is.
public struct RandomGraphWorkload: Workload {
    public init() {}
    public let name = "random-graph"
    public let summary = "Stress: thousands of small ops across every stream, checked against a host interpreter"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter("ops", .integer(1...1_000_000), default: "2000", "graph nodes built", affectsMemory: true),
        WorkloadParameter("size", .integer(1...1 << 24), default: "64", "elements per array", affectsMemory: true),
        WorkloadParameter("streams", .integer(1...64), default: "4", "streams per device"),
        WorkloadParameter(
            "placement", .placement(arity: 2, options: ["cpu,cpu", "cpu,gpu", "gpu,gpu"]), default: "all",
            "the two devices the streams are spread over"),
        .seed,
    ]

    enum Op: CaseIterable {
        case tanh, sin, cos, negate, average, halfDifference, multiply, maximum, minimum

        var arity: Int { [.tanh, .sin, .cos, .negate].contains(self) ? 1 : 2 }

        func build(_ a: Tensor, _ b: Tensor, _ s: StreamOrDevice) throws -> Tensor {
            switch self {
            case .tanh: try Engine.tanh(a, stream: s)
            case .sin: try Engine.sin(a, stream: s)
            case .cos: try Engine.cos(a, stream: s)
            case .negate: try negative(a, stream: s)
            case .average: try Engine.multiply(try add(a, b, stream: s), 0.5, stream: s)
            case .halfDifference: try Engine.multiply(try subtract(a, b, stream: s), 0.5, stream: s)
            case .multiply: try Engine.multiply(a, b, stream: s)
            case .maximum: try Engine.maximum(a, b, stream: s)
            case .minimum: try Engine.minimum(a, b, stream: s)
            }
        }

        func apply(_ a: Float, _ b: Float) -> Float {
            switch self {
            case .tanh: Foundation.tanh(a)
            case .sin: Foundation.sin(a)
            case .cos: Foundation.cos(a)
            case .negate: -a
            case .average: (a + b) * 0.5
            case .halfDifference: (a - b) * 0.5
            case .multiply: a * b
            case .maximum: Swift.max(a, b)
            case .minimum: Swift.min(a, b)
            }
        }
    }

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        // Every node's value stays alive (engine, temporaries, host reference and read-back).
        Bytes.product(arguments.int("ops"), arguments.int("size"), 4, 5)
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let count = arguments.int("ops"), size = arguments.int("size"), perDevice = arguments.int("streams")
        let report = context.report
        for placement in context.usable(arguments.placements()) {
            var streams: [StreamOrDevice] = []
            for device in Set(placement.devices).sorted(by: { $0.description < $1.description }) {
                for i in 0..<perDevice { streams.append(.stream(try newStream(on: device, name: "\(Placement.name(of: device)) graph \(i)"))) }
            }
            var random = SplitMix64(seed: arguments.seed)
            var keys = KeyStream(seed: arguments.seed)
            var values: [Tensor] = []
            var host: [[Float]] = []
            for _ in 0..<4 {
                let x = try Random.uniform(low: -1, high: 1, shape: [size], key: keys.next())
                try eval(x)
                values.append(x)
                host.append(try x.toArray(Float.self))
            }
            try report.time("\(placement) \(count) ops over \(streams.count) streams (build and eval)") {
                for step in 0..<count {
                    let op = Op.allCases.randomElement(using: &random)!
                    // Mostly recent inputs, so the graph is deep as well as wide.
                    let window = Swift.min(values.count, 16)
                    let i = values.count - 1 - Int.random(in: 0..<window, using: &random)
                    let j = Int.random(in: 0..<values.count, using: &random)
                    let stream = streams.randomElement(using: &random)!
                    values.append(try op.build(values[i], values[j], stream))
                    host.append(zip(host[i], host[j]).map { op.apply($0, $1) })
                    if step % 256 == 0 {
                        try context.checkStopped()
                        context.progress(step, of: count)
                    }
                }
                try eval(values)
            }
            var actual: [Double] = []
            actual.reserveCapacity(values.count * size)
            for value in values { actual += try value.toArray(Float.self).map(Double.init) }
            let expected = host.flatMap { $0.map(Double.init) }
            report.check("\(placement) \(count) nodes vs host interpreter", Comparison(actual, expected, rtol: 0, atol: 1e-3))
        }
    }
}

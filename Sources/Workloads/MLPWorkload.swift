import Engine
import Foundation

/// The forward pass of a small batched MLP: `softmax(relu(x·W1 + b1)·W2 + b2)`, checked row by
/// row against a naive host computation and by each row summing to 1.
public struct MLPWorkload: Workload {
    public init() {}
    public let name = "mlp"
    public let summary = "Forward pass of a small batched MLP: softmax(relu(x·W1 + b1)·W2 + b2)"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter("batch", .integer(1...1 << 20), default: "64", "rows of x", affectsMemory: true),
        WorkloadParameter("input", .integer(1...1 << 16), default: "256", "input features", affectsMemory: true),
        WorkloadParameter("hidden", .integer(1...1 << 16), default: "512", "hidden units", affectsMemory: true),
        WorkloadParameter("output", .integer(1...1 << 16), default: "10", "classes", affectsMemory: true),
        WorkloadParameter("iterations", .integer(1...1_000_000), default: "10", "forward passes"),
        .placement(), .seed,
    ]

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        let batch = arguments.int("batch"), input = arguments.int("input"), hidden = arguments.int("hidden"), output = arguments.int("output")
        let elements = Bytes.sum(
            Bytes.product(batch, input), Bytes.product(input, hidden), Bytes.product(hidden, output),
            Bytes.product(batch, hidden, 3), Bytes.product(batch, output, 3), hidden, output)
        return Bytes.product(elements, 4, 2)  // engine and host copies
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let batch = arguments.int("batch"), input = arguments.int("input"), hidden = arguments.int("hidden"), output = arguments.int("output")
        let iterations = arguments.int("iterations")
        let report = context.report
        var keys = KeyStream(seed: arguments.seed)
        let x = try Random.normal(shape: [batch, input], key: keys.next())
        let w1 = try Random.normal(shape: [input, hidden], scale: 1 / Foundation.sqrt(Double(input)), key: keys.next())
        let b1 = try Random.normal(shape: [hidden], scale: 0.1, key: keys.next())
        let w2 = try Random.normal(shape: [hidden, output], scale: 1 / Foundation.sqrt(Double(hidden)), key: keys.next())
        let b2 = try Random.normal(shape: [output], scale: 0.1, key: keys.next())
        try eval(x, w1, b1, w2, b2)
        let rows = Reference.sampleRows(batch, count: 8)
        let expected = try reference(rows: rows, x: x, w1: w1, b1: b1, w2: w2, b2: b2)

        let placements = context.usable(arguments.placements())
        for (index, placement) in placements.enumerated() {
            let device = StreamOrDevice.device(placement[role: 0])
            var probabilities = x
            try report.time("\(placement) \(iterations) × forward (batch \(batch), \(input)→\(hidden)→\(output))") {
                for step in 0..<iterations {
                    let h = try maximum(try add(try matmul(x, w1, stream: device), b1, stream: device), 0.0, stream: device)
                    let logits = try add(try matmul(h, w2, stream: device), b2, stream: device)
                    probabilities = try softmax(logits, axis: -1, stream: device)
                    try eval(probabilities)
                    try context.checkStopped()
                    context.progress(index * iterations + step + 1, of: placements.count * iterations)
                }
            }
            let host = try probabilities.toArray(Float.self)
            let sampled = rows.flatMap { r in (0..<output).map { host[r * output + $0] } }
            report.check("\(placement) sampled rows vs naive forward", Comparison(sampled, expected, rtol: 1e-3, atol: 1e-5))
            let sums = (0..<batch).map { r in (0..<output).reduce(0.0) { $0 + Double(host[r * output + $1]) } }
            report.check("\(placement) every row sums to 1", Comparison(sums, Array(repeating: 1, count: batch), rtol: 0, atol: 1e-4))
        }
    }

    /// The forward pass of rows `rows` as plain loops in Double.
    private func reference(rows: [Int], x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) throws -> [Double] {
        let input = w1.shape[0], hidden = w1.shape[1], output = w2.shape[1]
        let hx = try x.toArray(Float.self), hw1 = try w1.toArray(Float.self), hb1 = try b1.toArray(Float.self)
        let hw2 = try w2.toArray(Float.self), hb2 = try b2.toArray(Float.self)
        let pre = Reference.matmulRows(hx, hw1, k: input, n: hidden, rows: rows)
        var out: [Double] = []
        for (i, _) in rows.enumerated() {
            let h = (0..<hidden).map { Swift.max(0, pre[i * hidden + $0] + Double(hb1[$0])) }
            let logits = (0..<output).map { j in
                (0..<hidden).reduce(Double(hb2[j])) { $0 + h[$1] * Double(hw2[$1 * output + j]) }
            }
            out += Reference.softmax(logits)
        }
        return out
    }
}

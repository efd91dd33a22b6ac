import Engine
import Foundation

/// Scaled dot-product attention over several heads: `softmax(Q·Kᵀ/√d)·V`, checked for sampled
/// (head, query) rows against a naive host computation.
public struct AttentionWorkload: Workload {
    public init() {}
    public let name = "attention"
    public let summary = "Scaled dot-product attention softmax(Q·Kᵀ/√d)·V over several heads"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter("heads", .integer(1...4096), default: "4", "attention heads (the batch)", affectsMemory: true),
        WorkloadParameter("size", .integer(1...1 << 20), default: "128", "sequence length", affectsMemory: true),
        WorkloadParameter("dim", .integer(1...1 << 16), default: "64", "head dimension d", affectsMemory: true),
        WorkloadParameter("iterations", .integer(1...1_000_000), default: "10", "attention passes"),
        .placement(), .seed,
    ]

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        let heads = arguments.int("heads"), seq = arguments.int("size"), dim = arguments.int("dim")
        // Engine: Q, K, V, output, scores and weights; host: Q, K, V and the output.
        let elements = Bytes.sum(Bytes.product(heads, seq, dim, 8), Bytes.product(heads, seq, seq, 3))
        return Bytes.product(elements, 4)
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let heads = arguments.int("heads"), seq = arguments.int("size"), dim = arguments.int("dim")
        let iterations = arguments.int("iterations")
        let report = context.report
        var keys = KeyStream(seed: arguments.seed)
        let q = try Random.normal(shape: [heads, seq, dim], key: keys.next())
        let k = try Random.normal(shape: [heads, seq, dim], key: keys.next())
        let v = try Random.normal(shape: [heads, seq, dim], key: keys.next())
        try eval(q, k, v)
        let samples = Reference.sampleRows(heads * seq, count: 12)
        let expected = reference(samples, q: try q.toArray(Float.self), k: try k.toArray(Float.self), v: try v.toArray(Float.self), seq: seq, dim: dim)
        let scale = 1 / Foundation.sqrt(Double(dim))

        let placements = context.usable(arguments.placements())
        for (index, placement) in placements.enumerated() {
            let device = StreamOrDevice.device(placement[role: 0])
            var out = q
            try report.time("\(placement) \(iterations) × attention (\(heads) heads, \(seq) × \(dim))") {
                for step in 0..<iterations {
                    let scores = try multiply(try matmul(q, try swapAxes(k, -1, -2, stream: device), stream: device), scale, stream: device)
                    out = try matmul(try softmax(scores, axis: -1, stream: device), v, stream: device)
                    try eval(out)
                    try context.checkStopped()
                    context.progress(index * iterations + step + 1, of: placements.count * iterations)
                }
            }
            let host = try out.toArray(Float.self)
            let sampled = samples.flatMap { row in (0..<dim).map { host[row * dim + $0] } }
            report.check("\(placement) sampled rows vs naive attention", Comparison(sampled, expected, rtol: 1e-3, atol: 1e-4))
        }
    }

    /// Output rows `rows` (flattened head × query index) computed with plain loops in Double.
    private func reference(_ rows: [Int], q: [Float], k: [Float], v: [Float], seq: Int, dim: Int) -> [Double] {
        let scale = 1 / Foundation.sqrt(Double(dim))
        var out: [Double] = []
        for row in rows {
            let head = row / seq
            let base = head * seq * dim
            let scores = (0..<seq).map { j in
                (0..<dim).reduce(0.0) { $0 + Double(q[row * dim + $1]) * Double(k[base + j * dim + $1]) } * scale
            }
            let weights = Reference.softmax(scores)
            for c in 0..<dim {
                out.append((0..<seq).reduce(0.0) { $0 + weights[$1] * Double(v[base + $1 * dim + c]) })
            }
        }
        return out
    }
}

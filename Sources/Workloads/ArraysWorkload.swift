import Engine

/// The quick-start seed: arrays from Swift literals and the dtypes MLX infers for them
/// (integers → int32, any float → float32), then `a + b` on the chosen device.
public struct ArraysWorkload: Workload {
    public init() {}
    public let name = "arrays"
    public let summary = "Create arrays from literals; show shapes and inferred dtypes (the quick-start seed)"
    public let parameters: [WorkloadParameter] = [.placement()]

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int { 1 << 10 }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let report = context.report
        for placement in context.usable(arguments.placements()) {
            try withDefaultDevice(placement[role: 0]) {
                let examples: [(label: String, array: Tensor, shape: [Int], dtype: DType)] = [
                    ("a", try Tensor([1, 2, 3, 4]), [4], .int32),
                    ("b", try Tensor([1.0, 2.0, 3.0, 4.0]), [4], .float32),
                    ("c", try Tensor([[1, 2, 3, 4], [5, 6, 7, 8]]), [2, 4], .int32),
                    ("d", try Tensor([[1, 2, 3, 4], [5.0, 6.0, 7.0, 8.0]]), [2, 4], .float32),
                ]
                for example in examples {
                    report.line("\(example.label) shape: \(example.array.shape)")
                    report.line("\(example.label) dtype: \(example.array.dtype)")
                }
                let mismatched = examples.filter { $0.array.shape != $0.shape || $0.array.dtype != $0.dtype }.map(\.label)
                report.check(
                    "\(placement) literal shapes and dtypes", passed: mismatched.isEmpty,
                    mismatched.isEmpty ? "a, b, c, d as MLX infers them" : "differ for \(mismatched.joined(separator: ", "))")
                let sum = try examples[0].array + examples[1].array
                report.line("a + b = \(sum)")
                report.check("\(placement) a + b", Comparison(try sum.toArray(Float.self), [2, 4, 6, 8], rtol: 0, atol: 0))
                report.line("default device: \(Defaults.device)")
                report.line("default stream: \(Defaults.stream())")
            }
        }
    }
}

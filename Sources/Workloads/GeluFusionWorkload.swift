import Foundation
import Engine

/// The GELU chain of issue 11 (nine elementwise ops), run unfused (nine kernels, nine passes over
/// memory) and through `compile` (one fused kernel), on each placement; fused must stay within
/// 2 ulp of unfused (it is bit-identical by construction; the check allows what the issue allows).
public struct GeluFusionWorkload: Workload {
    public init() {}
    public let name = "gelu-fusion"
    public let summary = "GELU's 9 elementwise ops unfused vs compile()d into one fused kernel"
    public let parameters: [WorkloadParameter] = [
        WorkloadParameter("size", .integer(1...1 << 30), default: "16777216", "elements of x (float32)", affectsMemory: true),
        WorkloadParameter("repeats", .integer(1...1000), default: "3", "timed runs of each form (the best is shown)"),
        .placement(), .seed,
    ]

    /// `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`, written the way a user would.
    @Sendable public static func gelu(_ x: Tensor) throws(EngineError) -> Tensor {
        try 0.5 * x * (1 + tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
    }

    public func estimatedBytes(_ arguments: WorkloadArguments) -> Int {
        // x, both results and up to two live intermediates in the engine; x and both results read back.
        Bytes.product(arguments.int("size"), 4, 5 + 3)
    }

    public func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws {
        let size = arguments.int("size")
        let repeats = arguments.int("repeats")
        let report = context.report
        var keys = KeyStream(seed: arguments.seed)
        let fusedGelu = compile(Self.gelu)
        for placement in context.usable(arguments.placements()) {
            let device = placement[role: 0]
            let x = try Random.normal(shape: [size], key: keys.next(), stream: .device(device))
            try eval(x)
            var unfused = x, fused = x
            var best = (unfused: Double.infinity, fused: Double.infinity)
            // Alternating who goes first, so other load on the machine hits both alike.
            for round in 0..<repeats {
                for form in round % 2 == 0 ? [false, true] : [true, false] {
                    try context.checkStopped()
                    let start = EngineClock.now()
                    if form {
                        fused = try withDefaultDevice(device) { try fusedGelu(x) }
                        try eval(fused)
                    } else {
                        unfused = try withDefaultDevice(device) { try Self.gelu(x) }
                        try eval(unfused)
                    }
                    let ms = Double(EngineClock.now() - start) / 1e6
                    if form { best.fused = Swift.min(best.fused, ms) } else { best.unfused = Swift.min(best.unfused, ms) }
                }
                context.progress(round + 1, of: repeats)
            }
            report.line("\(placement) unfused (9 ops): \(formatMilliseconds(best.unfused)) best of \(repeats)")
            report.line("\(placement) fused (1 op): \(formatMilliseconds(best.fused)) best of \(repeats)")
            report.line("\(placement) speed-up fused vs unfused: \(String(format: "%.2f", best.unfused / best.fused))×")
            let a = try unfused.toArray(Float.self), b = try fused.toArray(Float.self)
            let worst = zip(a, b).map { Self.ulps($0, $1) }.max() ?? 0
            report.check("\(placement) fused within 2 ulp of unfused", passed: worst <= 2, "largest difference \(worst) ulp over \(size) elements")
        }
    }

    /// Distance in float32 steps (NaN against NaN is 0, NaN against a number is infinite).
    static func ulps(_ a: Float, _ b: Float) -> Double {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .infinity }
        func ordered(_ f: Float) -> Int64 {
            let bits = Int64(f.bitPattern)
            return bits & 0x8000_0000 != 0 ? -(bits & 0x7FFF_FFFF) : bits
        }
        return Double(Swift.abs(ordered(a) - ordered(b)))
    }
}

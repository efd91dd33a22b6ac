import Engine
import Foundation
import Workloads

/// The fusion row shared by `bench engine` (CPU) and `bench opencl` (gpu(0)): the nine-op GELU
/// chain evaluated unfused and through `compile`, alternating who runs first, best sample of each.
/// Values are rates (elements per second), so ratio = ours ÷ peer as in every other row, which is
/// unfused time ÷ fused time (the target: ≥ 3 on both devices).
enum FusionBenchmark {
    static func name(count: Int) -> String {
        "gelu \(count % (1 << 20) == 0 ? "\(count >> 20)M" : "\(count)") f32 fused vs unfused"
    }

    static func row(device: Device, count: Int, plan: SamplingPlan) throws -> BenchResult {
        let x = try Random.normal(shape: [count], key: Random.key(31), stream: .device(device))
        try eval(x)
        let fused = compile(GeluFusionWorkload.gelu)
        let (ours, peer) = try plan.alternate(
            ours: { try withDefaultDevice(device) { try eval(fused(x)) } },
            peer: { try withDefaultDevice(device) { try eval(GeluFusionWorkload.gelu(x)) } })
        let best = (fused: ours.min() ?? .nan, unfused: peer.min() ?? .nan)
        let rate = (fused: Double(count) / best.fused / 1e6, unfused: Double(count) / best.unfused / 1e6)
        return BenchResult(
            name: name(count: count),
            params: [
                "device": device == .cpu ? "cpu" : "gpu0", "elements": "\(count)", "dtype": "float32",
                "ops": "9 (multiply×6, add×2, tanh)", "samples": "\(ours.count)",
                "fused_ms": String(format: "%.3f", best.fused * 1e3), "unfused_ms": String(format: "%.3f", best.unfused * 1e3),
                "timing": "best sample, wall clock around eval",
            ],
            value: rate.fused, unit: "M elements/s", peer: "same chain unfused (9 kernels)", peer_value: rate.unfused,
            ratio: rate.fused / rate.unfused)
    }
}

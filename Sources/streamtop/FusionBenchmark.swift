import Engine
import Workloads

/// The fusion row shared by `bench engine` (CPU) and `bench opencl` (gpu(0)): the nine-op GELU
/// chain evaluated unfused and through `compile`, alternating who runs first, best sample of each.
/// ratio = unfused time / fused time (the target: ≥ 3 on both devices).
enum FusionBenchmark {
    static func row(device: Device, count: Int, plan: SamplingPlan) throws -> BenchResult {
        let x = try Random.normal(shape: [count], key: Random.key(31), stream: .device(device))
        try eval(x)
        let fused = compile(GeluFusionWorkload.gelu)
        let (ours, peer) = try plan.alternate(
            ours: { try withDefaultDevice(device) { try eval(fused(x)) } },
            peer: { try withDefaultDevice(device) { try eval(GeluFusionWorkload.gelu(x)) } })
        let best = (fused: (ours.min() ?? .nan) * 1e3, unfused: (peer.min() ?? .nan) * 1e3)
        let millions = count % (1 << 20) == 0 ? "\(count >> 20)M" : "\(count)"
        return BenchResult(
            name: "gelu \(millions) f32 fused vs unfused",
            params: [
                "device": "\(device)", "elements": "\(count)", "ops": "9 (multiply×6, add×2, tanh)",
                "samples": "\(ours.count)", "timing": "best sample, wall clock around eval",
            ],
            value: best.fused, unit: "ms", peer: "same chain unfused (9 kernels)", peer_value: best.unfused,
            ratio: best.unfused / best.fused)
    }
}

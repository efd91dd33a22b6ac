import Engine
import Foundation

/// Matmul kernel against kernel: the engine's tuned sgemm (with the tiles it picks for each size)
/// and CLBlast's, both timed by OpenCL profiling events, best of N. The wall-clock rows include
/// each side's submission and `eval`/`clFinish` costs; these isolate what the kernels do.
enum OpenCLKernelRows {
    static let timing = "OpenCL profiling events from a marker before the call to the last kernel's end, best of N"

    static func rows(_ sizes: [Int], engine: Bool, blast: CLBlast?, device: OpenCLBenchDevice?, quick: Bool) throws -> [BenchResult] {
        let repeats = quick ? 1 : 9
        var ours: [Int: SgemmKernelTiming.Figure] = [:]
        if engine {
            for figure in try SgemmKernelTiming.measure(sizes: sizes, repeats: repeats) { ours[figure.size] = figure }
        }
        var results: [BenchResult] = []
        for n in sizes {
            var peer: Double?
            if let blast, let device {
                let a = try OpenCLBenchBuffer(device, count: n * n)
                let b = try OpenCLBenchBuffer(device, count: n * n)
                let c = try OpenCLBenchBuffer(device, count: n * n)
                try a.write(try OpenCLEngineSide.hostNormal(rows: n, columns: n, seed: 11))
                try b.write(try OpenCLEngineSide.hostNormal(rows: n, columns: n, seed: 12))
                _ = try blast.sgemmKernelTime(m: n, n: n, k: n, a: a, b: b, c: c, on: device)
                var best = UInt64.max
                for _ in 0..<repeats { best = min(best, try blast.sgemmKernelTime(m: n, n: n, k: n, a: a, b: b, c: c, on: device)) }
                peer = best > 0 && best != .max ? 2 * pow(Double(n), 3) / Double(best) : nil
            }
            let mine = ours[n]
            var params = ["n": "\(n)", "dtype": "float32", "timing": timing, "samples": "\(repeats)"]
            if let mine { params["tiles"] = mine.tiles }
            if let value = mine?.gflops {
                results.append(
                    BenchResult(
                        name: "gpu sgemm kernel", params: params, value: value, unit: "GFLOP/s", peer: peer == nil ? nil : "CLBlastSgemm kernel",
                        peer_value: peer, ratio: peer.map { value / $0 }))
            } else if let peer {
                results.append(BenchResult(name: "CLBlastSgemm kernel", params: params, value: peer, unit: "GFLOP/s", peer: nil, peer_value: nil, ratio: nil))
            }
        }
        return results
    }
}

import Engine
import Foundation

/// What to run: matmul sizes, elements for add/exp, and how many samples.
struct OpenCLBenchOptions {
    var sizes: [Int]
    var elements: Int
    var quick: Bool
}

/// `streamtop bench opencl`: the engine on `gpu(0)` against peers on the same OpenCL device in the
/// same run — CLBlast's sgemm for matmul, a plain copy kernel for add and exp bandwidth. A side that
/// cannot run (no GPU in the engine, CLBlast not installed, no OpenCL at all) is skipped with a
/// notice; the other side is then still measured, in rows named after it.
enum OpenCLBenchmark {
    static let oursTiming = "wall clock around eval"
    static let peerTiming = "wall clock around enqueue + clFinish"

    static func run(_ options: OpenCLBenchOptions) -> OpenCLBenchReport {
        var report = OpenCLBenchReport()
        let plan = options.quick ? SamplingPlan.quick : .standard
        let engineReason = OpenCLEngineSide.unavailableReason()
        if let engineReason {
            report.notices.append("engine rows skipped: gpu(0) cannot run ops (\(engineReason)); peers measured alone")
        }
        var device: OpenCLBenchDevice?
        do {
            device = try OpenCLBenchDevice.open()
        } catch {
            report.notices.append("OpenCL peers skipped: \(error)")
        }
        report.device = device?.info
        if let note = device?.note { report.notices.append(note) }
        var blast: CLBlast?
        if let device {
            switch CLBlast.load() {
            case .success(let loaded): blast = checked(loaded, on: device, notices: &report.notices)
            case .failure(let reason): report.notices.append(reason.description)
            }
        }
        let engine = engineReason == nil
        if engine { report.notices.append(checkEngine()) }

        for n in options.sizes {
            do {
                if let row = try matmul(n, engine: engine, blast: blast, device: device, plan: plan) { report.benchmarks.append(row) }
            } catch {
                report.notices.append("matmul n=\(n) skipped: \(error)")
            }
        }
        do {
            report.benchmarks += try OpenCLKernelRows.rows(options.sizes, engine: engine, blast: blast, device: device, quick: options.quick)
        } catch {
            report.notices.append("matmul kernel rows (profiling events) skipped: \(error)")
        }
        do {
            report.benchmarks += try elementwise(options.elements, engine: engine, device: device, plan: plan)
        } catch {
            report.notices.append("add/exp over \(options.elements) elements skipped: \(error)")
        }
        do {
            report.benchmarks += try OpenCLPerOp.rows(engine: engine, device: device, quick: options.quick)
        } catch {
            report.notices.append("GPU per-op row skipped: \(error)")
        }
        if engine {
            do {
                report.benchmarks.append(try FusionBenchmark.row(device: .gpu(0), count: options.quick ? 1 << 20 : 1 << 24, plan: plan))
            } catch {
                report.notices.append("gelu fusion skipped: \(error)")
            }
        }
        report.notices.append(
            "timing: ours = \(oursTiming), peers = \(peerTiming); value = median of the samples, best = fastest sample; "
                + "ours and peer alternate in one loop")
        return report
    }

    /// Runs CLBlast once on the check's shape; nil (with a notice) when it errs or computes wrongly.
    static func checked(_ blast: CLBlast, on device: OpenCLBenchDevice, notices: inout [String]) -> CLBlast? {
        let s = MatmulCheck.shape
        do {
            let hostA = try OpenCLEngineSide.hostNormal(rows: s.m, columns: s.k, seed: 21)
            let hostB = try OpenCLEngineSide.hostNormal(rows: s.k, columns: s.n, seed: 22)
            let a = try OpenCLBenchBuffer(device, count: hostA.count)
            let b = try OpenCLBenchBuffer(device, count: hostB.count)
            let c = try OpenCLBenchBuffer(device, count: s.m * s.n)
            try a.write(hostA)
            try b.write(hostB)
            // A finite sentinel: an element sgemm never wrote fails the check (β = 0 may still read C).
            try c.write([Float](repeating: 1e6, count: s.m * s.n))
            try blast.sgemm(m: s.m, n: s.n, k: s.k, a: a, b: b, c: c, on: device)
            try device.finish()
            let verdict = MatmulCheck.verdict("CLBlastSgemm", error: MatmulCheck.scaledError(a: hostA, b: hostB, c: try c.read(), shape: s))
            notices.append(verdict.notice)
            if verdict.passed { return blast }
            notices.append("CLBlast peer dropped: its product disagrees with the CPU reference")
        } catch {
            notices.append("CLBlast peer dropped: \(error)")
        }
        return nil
    }

    /// The engine's GPU matmul on the check's shape against the CPU reference, as a notice.
    static func checkEngine() -> String {
        do {
            let r = try OpenCLEngineSide.checkProduct(MatmulCheck.shape)
            return MatmulCheck.verdict("engine gpu(0) matmul", error: MatmulCheck.scaledError(a: r.a, b: r.b, c: r.c, shape: MatmulCheck.shape)).notice
        } catch {
            return "engine gpu(0) matmul check could not run: \(error)"
        }
    }

    /// One matmul row: ours vs CLBlast, or whichever side runs.
    static func matmul(_ n: Int, engine: Bool, blast: CLBlast?, device: OpenCLBenchDevice?, plan: SamplingPlan) throws -> BenchResult? {
        var ours: (() throws -> Void)?
        if engine {
            let (a, b) = try OpenCLEngineSide.squareOperands(n)
            ours = { try OpenCLEngineSide.matmul(a, b) }
        }
        var peer: (() throws -> Void)?
        if let blast, let device {
            let a = try OpenCLBenchBuffer(device, count: n * n)
            let b = try OpenCLBenchBuffer(device, count: n * n)
            let c = try OpenCLBenchBuffer(device, count: n * n)
            try a.write(try OpenCLEngineSide.hostNormal(rows: n, columns: n, seed: 11))
            try b.write(try OpenCLEngineSide.hostNormal(rows: n, columns: n, seed: 12))
            peer = {
                try blast.sgemm(m: n, n: n, k: n, a: a, b: b, c: c, on: device)
                try device.finish()
            }
        }
        guard ours != nil || peer != nil else { return nil }
        let (oursTimes, peerTimes) = try plan.alternate(ours: ours, peer: peer)
        let flop = 2 * pow(Double(n), 3) / 1e9
        return row(
            name: "gpu matmul", peerName: "CLBlastSgemm", params: ["n": "\(n)", "dtype": "float32"], unit: "GFLOP/s",
            ours: (oursTimes, flop), peer: (peerTimes, flop))
    }

    /// Add and exp rows against the copy kernel (or the copy kernel alone), GB/s of bytes read + written.
    static func elementwise(_ count: Int, engine: Bool, device: OpenCLBenchDevice?, plan: SamplingPlan) throws -> [BenchResult] {
        var copy: (() throws -> Void)?
        var buffers: (OpenCLBenchBuffer, OpenCLBenchBuffer)?
        if let device {
            let input = try OpenCLBenchBuffer(device, count: count)
            let output = try OpenCLBenchBuffer(device, count: count)
            let kernel = try OpenCLCopyKernel(on: device)
            try verifyCopy(kernel, input, output, device)
            buffers = (input, output)
            copy = {
                try kernel.enqueue(from: input, to: output)
                try device.finish()
            }
        }
        let gigabytes = Double(count * MemoryLayout<Float>.size) / 1e9
        let params = ["elements": "\(count)", "dtype": "float32"]
        guard engine else {
            guard copy != nil else { return [] }
            let (_, peerTimes) = try plan.alternate(ours: nil, peer: copy)
            return [row(name: "", peerName: "copy kernel", params: params, unit: "GB/s", ours: ([], 0), peer: (peerTimes, 2 * gigabytes))]
        }
        let x = try OpenCLEngineSide.vector(count, seed: 31)
        let y = try OpenCLEngineSide.vector(count, seed: 32)
        let add = try plan.alternate(ours: { try OpenCLEngineSide.add(x, y) }, peer: copy)
        let exp = try plan.alternate(ours: { try OpenCLEngineSide.exp(x) }, peer: copy)
        withExtendedLifetime(buffers) {}
        return [
            row(name: "gpu add", peerName: "copy kernel", params: params, unit: "GB/s", ours: (add.ours, 3 * gigabytes), peer: (add.peer, 2 * gigabytes)),
            row(name: "gpu exp", peerName: "copy kernel", params: params, unit: "GB/s", ours: (exp.ours, 2 * gigabytes), peer: (exp.peer, 2 * gigabytes)),
        ]
    }

    /// One copy, read back: the peer must really move every element before its bandwidth counts.
    static func verifyCopy(_ kernel: OpenCLCopyKernel, _ input: OpenCLBenchBuffer, _ output: OpenCLBenchBuffer, _ device: OpenCLBenchDevice) throws {
        let pattern = (0..<input.count).map { Float($0 % 4093) - 2046.5 }
        try input.write(pattern)
        try kernel.enqueue(from: input, to: output)
        try device.finish()
        guard try output.read() == pattern else { throw OpenCLBenchError("the copy kernel's output differs from its input") }
    }

    /// A row in `bench engine`'s shape. `work` is GFLOP or GB per call. With no samples of ours the
    /// row is the peer's alone, named after it.
    static func row(
        name: String, peerName: String, params: [String: String], unit: String, ours: ([Double], Double), peer: ([Double], Double)
    ) -> BenchResult {
        func rate(_ samples: [Double], _ work: Double) -> Double { work / EngineBenchmark.median(samples) }
        func best(_ samples: [Double], _ work: Double) -> String { OpenCLBenchReport.figure(work / (samples.min() ?? .nan)) }
        var params = params
        guard !ours.0.isEmpty else {
            params["timing"] = peerTiming
            params["samples"] = "\(peer.0.count)"
            params["best"] = best(peer.0, peer.1)
            return BenchResult(name: peerName, params: params, value: rate(peer.0, peer.1), unit: unit, peer: nil, peer_value: nil, ratio: nil)
        }
        params["timing"] = peer.0.isEmpty ? oursTiming : "ours: \(oursTiming); peer: \(peerTiming)"
        params["samples"] = peer.0.isEmpty ? "\(ours.0.count)" : "\(ours.0.count) / \(peer.0.count)"
        params["best"] = best(ours.0, ours.1) + (peer.0.isEmpty ? "" : " / " + best(peer.0, peer.1))
        let value = rate(ours.0, ours.1)
        let peerValue = peer.0.isEmpty ? nil : rate(peer.0, peer.1)
        return BenchResult(
            name: name, params: params, value: value, unit: unit, peer: peerValue == nil ? nil : peerName, peer_value: peerValue,
            ratio: peerValue.map { value / $0 })
    }
}

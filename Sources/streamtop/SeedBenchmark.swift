import ArgumentParser
import Engine
import Foundation

/// `streamtop bench seed`: the quick-start seed's workloads timed warm (median after a warm-up call),
/// so `make bench` can set them against MLX's own warm figures. `streamtop run matmul-exp-split`
/// times one cold call per placement, as the seed post does; these rows leave the start-up out.
struct SeedBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "The seed's matmul-exp-split placements, exp step and lazy-vs-eager loops, timed warm.",
        discussion: """
            Rows: `seed matmul-exp-split` (ms per call of matmul 4096×512·512×4 then 500 × exp with eval, per \
            placement), `seed exp step` (µs per `b = exp(b); eval(b)` on 512×4, per device) and `lazy-vs-eager \
            lazy|forced` (µs per `c = a + b` on 4 floats without / with eval). GPU rows are skipped, with a \
            notice, when gpu(0) cannot run ops.
            """)

    @Flag(help: "Print JSON: {\"benchmarks\":[{name, params, value, unit, peer, peer_value, ratio}], \"notices\"}.")
    var json = false

    @Flag(help: "Fewer repetitions (for smoke tests).")
    var quick = false

    func run() throws {
        let report = try SeedBenchmark.run(quick: quick)
        print(json ? try report.json() : report.text())
    }
}

enum SeedBenchmark {
    static func run(quick: Bool) throws -> OpenCLBenchReport {
        var report = OpenCLBenchReport()
        var devices: [(name: String, device: StreamOrDevice)] = [("cpu", .cpu)]
        if let reason = OpenCLEngineSide.unavailableReason() {
            report.notices.append("gpu rows skipped: gpu(0) cannot run ops (\(reason))")
        } else {
            devices.append(("gpu", .gpu))
        }
        let repeats = quick ? 3 : 7
        for first in devices {
            for second in devices {
                let (total, steps) = try matmulExpSplit(first.device, second.device, repeats: repeats)
                let placement = "\(first.name),\(second.name)"
                report.benchmarks.append(row("seed matmul-exp-split", ["placement": placement], total * 1e3, "ms"))
                if first.name == second.name {
                    report.benchmarks.append(row("seed exp step", ["device": first.name, "shape": "512×4"], steps * 1e6 / 500, "µs"))
                }
            }
        }
        for device in devices {
            let (lazy, forced) = try lazyVsEager(device.device, iterations: quick ? 2000 : 10000, repeats: repeats)
            report.benchmarks.append(row("lazy-vs-eager lazy", ["device": device.name], lazy * 1e6, "µs"))
            report.benchmarks.append(row("lazy-vs-eager forced", ["device": device.name], forced * 1e6, "µs"))
        }
        report.notices.append("timing: median of \(repeats) calls after one warm-up call, wall clock")
        return report
    }

    static func row(_ name: String, _ params: [String: String], _ value: Double, _ unit: String) -> BenchResult {
        BenchResult(name: name, params: params, value: value, unit: unit, peer: nil, peer_value: nil, ratio: nil)
    }

    /// The seed's `fun(a, b, d1, d2)`: seconds for the whole call and for its 500 exp steps (medians).
    static func matmulExpSplit(_ d1: StreamOrDevice, _ d2: StreamOrDevice, repeats: Int) throws -> (total: Double, steps: Double) {
        let a = try Random.uniform(shape: [4096, 512], key: Random.key(0))
        let b0 = try Random.uniform(shape: [512, 4], key: Random.key(1))
        try eval(a, b0)
        var totals: [Double] = []
        var steps: [Double] = []
        for call in 0...repeats {
            let start = EngineBenchmark.now()
            try eval(Engine.matmul(a, b0, stream: d1))
            let matmulDone = EngineBenchmark.now()
            var b = b0
            for _ in 0..<500 {
                b = try Engine.exp(b, stream: d2)
                try eval(b)
            }
            let end = EngineBenchmark.now()
            guard call > 0 else { continue }  // the warm-up call
            totals.append(end - start)
            steps.append(end - matmulDone)
        }
        return (EngineBenchmark.median(totals), EngineBenchmark.median(steps))
    }

    /// Seconds per iteration of the seed's two loops on 4 floats: `c = a + b` only built, then evaluated.
    static func lazyVsEager(_ device: StreamOrDevice, iterations: Int, repeats: Int) throws -> (lazy: Double, forced: Double) {
        let a = try Random.normal(shape: [4], key: Random.key(2), stream: device)
        let b = try Random.normal(shape: [4], key: Random.key(3), stream: device)
        try eval(a, b)
        var lazy: [Double] = []
        var forced: [Double] = []
        for call in 0...repeats {
            var c = a
            let start = EngineBenchmark.now()
            for _ in 0..<iterations { c = try Engine.add(a, b, stream: device) }
            let built = EngineBenchmark.now()
            try eval(c)
            let forcedStart = EngineBenchmark.now()
            for _ in 0..<iterations {
                c = try Engine.add(a, b, stream: device)
                try eval(c)
            }
            let end = EngineBenchmark.now()
            guard call > 0 else { continue }
            lazy.append((built - start) / Double(iterations))
            forced.append((end - forcedStart) / Double(iterations))
        }
        return (EngineBenchmark.median(lazy), EngineBenchmark.median(forced))
    }
}

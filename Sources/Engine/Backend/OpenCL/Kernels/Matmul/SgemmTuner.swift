import Foundation

/// The sweep behind `streamtop tune`: builds each tile configuration, checks it against the
/// general kernel on an odd size (edges in M, N and K), times best-of-N square products with
/// profiling events, and stores the fastest in the tile cache for this device and driver.
///
/// ```swift
/// let report = try SgemmTuner.run(gpu: 0, sizes: [1024, 2048], quick: false) { print($0) }
/// report.best   // "128x128x16/8x8"
/// ```
public enum SgemmTuner {
    /// The check size: not a multiple of any tile, yet multiples of 4 so float4 loads are exercised.
    static let checkSize = (m: 260, n: 196, k: 84)
    /// Launches checked per configuration: PoCL 3.1 computed 128x64x16/4x8v8 wrongly in one run of
    /// two (NaN in a few elements), so one passing run is weak evidence.
    static let checkRuns = 3

    /// Configurations worth timing on a device with these limits. GPUs get the large register tiles
    /// that suit wide SIMT machines (the H200: 128×128 tiles of 256 items with 8×8 each, K-slices
    /// of 8 or 16), CPU devices (PoCL) fewer work-items with 16-wide vector rows (AVX-512) and
    /// deeper slices (fewer barriers, each of which ends PoCL's work-item loop). `quick` keeps a handful.
    public static func candidates(isGPU: Bool, quick: Bool, maxWorkGroupSize: Int, localMemory: UInt64) -> [SgemmTiles] {
        let t = { (m: Int, n: Int, k: Int, wm: Int, wn: Int, v: Int) in
            SgemmTiles(tileM: m, tileN: n, tileK: k, workM: wm, workN: wn, vector: v)
        }
        var list: [SgemmTiles]
        if quick {
            list =
                isGPU
                ? [t(128, 128, 16, 8, 8, 4), t(128, 128, 8, 8, 8, 4), t(64, 128, 16, 8, 8, 4), t(128, 64, 16, 8, 8, 4), t(64, 64, 16, 4, 4, 4), t(64, 64, 8, 8, 8, 4)]
                : [t(64, 64, 32, 4, 16, 16), t(32, 64, 32, 4, 16, 16), t(64, 64, 64, 8, 16, 16)]
        } else {
            list = []
            let sides = isGPU ? [32, 64, 128, 256] : [32, 64, 128]
            let registers = isGPU ? [(4, 4, 4), (4, 8, 4), (8, 4, 4), (8, 8, 4), (8, 16, 4)] : [(4, 16, 16), (8, 16, 16), (4, 8, 8), (8, 8, 8)]
            for m in sides {
                for n in sides where max(m, n) <= 2 * min(m, n) {
                    for k in isGPU ? [8, 16, 32] : [16, 32, 64] {
                        for (wm, wn, v) in registers { list.append(t(m, n, k, wm, wn, v)) }
                    }
                }
            }
            let groups = isGPU ? 64...512 : 16...256
            list = list.filter { groups.contains($0.groupSize) }
        }
        return list.filter { $0.fits(maxWorkGroupSize: maxWorkGroupSize, localMemory: localMemory) }
    }

    /// Runs the sweep on `gpu(index)`; `progress` gets one line per configuration as it finishes.
    public static func run(
        gpu index: Int = 0, sizes: [Int], quick: Bool, repeats: Int = 5, only: [SgemmTiles]? = nil, store: Bool = true,
        cache: SgemmTileCache = SgemmTileCache(), progress: (String) -> Void = { _ in }
    ) throws(EngineError) -> SgemmTuneReport {
        guard !sizes.isEmpty, sizes.allSatisfy({ (1...32768).contains($0) }) else {
            throw .argument("tune", "sizes must be between 1 and 32768, got \(sizes)")
        }
        guard repeats >= 1 else { throw .argument("tune", "repeats must be at least 1, got \(repeats)") }
        let bed = try OpenCLTestbed(gpu: index)
        let info = bed.device.info
        let configs =
            only ?? candidates(isGPU: info.isGPU, quick: quick, maxWorkGroupSize: info.maxWorkGroupSize, localMemory: info.localMemory)
        var report = SgemmTuneReport(device: info.name, driver: info.driverVersion, sizes: sizes, repeats: repeats, rows: [])
        progress("gpu(\(index)): \(info.name), driver \(info.driverVersion): \(configs.count) configurations × sizes \(sizes), best of \(repeats)")

        let check = try SquareProblem(bed: bed, m: checkSize.m, n: checkSize.n, k: checkSize.k, seed: 1)
        let expected = try check.result(bed: bed, tiles: nil)
        let problems = try sizes.map { n throws(EngineError) in try SquareProblem(bed: bed, m: n, n: n, k: n, seed: UInt64(n)) }

        let general = try measure(nil, bed: bed, problems: problems, repeats: repeats)
        report.rows.append(SgemmTuneReport.Row(name: "general", gflops: general, problem: nil))
        progress(line("general", general))
        for tiles in configs {
            let row: SgemmTuneReport.Row
            do {
                var wrong: String?
                for _ in 0..<checkRuns where wrong == nil {
                    wrong = compare(try check.result(bed: bed, tiles: tiles), expected, k: checkSize.k)
                }
                if let wrong {
                    row = SgemmTuneReport.Row(name: "\(tiles)", gflops: sizes.map { _ in nil }, problem: wrong)
                } else {
                    row = SgemmTuneReport.Row(name: "\(tiles)", gflops: try measure(tiles, bed: bed, problems: problems, repeats: repeats), problem: nil)
                }
            } catch {
                row = SgemmTuneReport.Row(name: "\(tiles)", gflops: sizes.map { _ in nil }, problem: "\(error)")
            }
            report.rows.append(row)
            progress(row.problem.map { "\(row.name): dropped: \($0)" } ?? line(row.name, row.gflops))
        }
        report.best = SgemmTuneReport.pickBest(report.rows)
        let perBucket = SgemmTuneReport.pickBestBySize(report.rows, sizes: sizes)
        report.bestBySize = perBucket.isEmpty ? nil : Dictionary(uniqueKeysWithValues: perBucket.map { ($0.key.rawValue, $0.value) })
        if store, let best = report.best, let tiles = SgemmTiles(parsing: best), let row = report.rows.first(where: { $0.name == best }) {
            var figures: [String: Double] = [:]
            for (size, value) in zip(sizes, row.gflops) { figures["\(size)"] = value }
            var bySize: [String: SgemmTiles] = [:]
            for (bucket, name) in perBucket { bySize[bucket.rawValue] = SgemmTiles(parsing: name) }
            let stamp = ISO8601DateFormatter().string(from: Date())
            try cache.store(
                SgemmTileCache.Entry(tiles: tiles, gflops: figures, tuned: "streamtop tune \(stamp)", bySize: bySize),
                for: SgemmTileCache.key(deviceName: info.name, driverVersion: info.driverVersion))
            report.storedIn = cache.file?.path
        }
        return report
    }

    private static func line(_ name: String, _ figures: [Double?]) -> String {
        "\(name): " + figures.map { $0.map { String(format: "%.1f", $0) } ?? "—" }.joined(separator: " ") + " GFLOP/s"
    }

    /// Best-of-`repeats` GFLOP/s per problem, after one warm-up launch each.
    static func measure(_ tiles: SgemmTiles?, bed: OpenCLTestbed, problems: [SquareProblem], repeats: Int) throws(EngineError) -> [Double?] {
        var out: [Double?] = []
        for problem in problems {
            try problem.launch(bed: bed, tiles: tiles).wait()
            var best = UInt64.max
            for _ in 0..<repeats {
                let event = try problem.launch(bed: bed, tiles: tiles)
                try event.wait()
                let profile = try event.profile
                best = min(best, profile.ended &- profile.started)
            }
            out.append(best > 0 && best != .max ? problem.flops / Double(best) : nil)
        }
        return out
    }

    /// Nil when `actual` is within float32 accumulation error of `expected` (inputs in [-1, 1)).
    static func compare(_ actual: [Float], _ expected: [Float], k: Int) -> String? {
        guard actual.count == expected.count else { return "\(actual.count) results, expected \(expected.count)" }
        let bound = 1e-5 * Float(max(k, 1))
        for i in actual.indices where !(abs(actual[i] - expected[i]) <= bound + 1e-5 * abs(expected[i])) {
            return "wrong result at element \(i): \(actual[i]), the general kernel gives \(expected[i])"
        }
        return nil
    }
}

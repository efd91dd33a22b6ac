import ArgumentParser
import Engine
import Foundation

/// Measures the tuned float32 matmul's tile configurations on gpu(0) and keeps the fastest for
/// this device and driver, so every later run (and `streamtop devices`) uses it.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Sweep the OpenCL matmul's tile configurations on gpu(0), print GFLOP/s, and cache the best.",
        discussion: """
            Each configuration is built, checked against the general kernel on an odd size, then timed \
            (best of N, OpenCL profiling events) on square products of each size. The winner (geometric \
            mean over sizes) goes to $XDG_CACHE_HOME/streamtop/matmul-tiles.json (or ~/.cache/streamtop/), \
            keyed by device name and driver. Choose the device with STREAMTOP_OPENCL_DEVICE.
            """)

    @Option(help: "Square sizes N to time, comma-separated (default 1024,2048,4096; --quick: 1024). Each size's bucket (N<=1024, <=2048, <=4096, >4096) keeps its own best.")
    var sizes: String?

    @Flag(help: "A handful of configurations on one size (about a minute on PoCL).")
    var quick = false

    @Option(help: "Timed runs per configuration and size; the best counts.")
    var repeats: Int = 5

    @Option(help: "Only these configurations, comma-separated, as MxNxK/WMxWN[vV] (e.g. 128x128x16/8x8, 64x64x32/4x16v16).")
    var tiles: String?

    @Flag(help: "Print the table only; leave the tile cache as it is.")
    var noSave = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        _ = try sizeList()
        _ = try tileList()
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
    }

    func sizeList() throws -> [Int] {
        guard let sizes else { return quick ? [1024] : [1024, 2048, 4096] }
        let parts = sizes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ (1...32768).contains($0) }) else {
            throw ValidationError("--sizes: '\(sizes)' is not a comma-separated list of sizes between 1 and 32768")
        }
        return values
    }

    func tileList() throws -> [SgemmTiles]? {
        guard let tiles else { return nil }
        return try tiles.split(separator: ",").map { text in
            guard let parsed = SgemmTiles(parsing: String(text)) else {
                throw ValidationError("--tiles: '\(text)' is not MxNxK/WMxWN[vV] (e.g. 128x128x16/8x8 or 64x64x32/4x16v16)")
            }
            if let problem = parsed.problem { throw ValidationError("--tiles: \(parsed): \(problem)") }
            return parsed
        }
    }

    func run() throws {
        let report: SgemmTuneReport
        do {
            report = try SgemmTuner.run(
                gpu: 0, sizes: try sizeList(), quick: quick, repeats: repeats, only: try tileList(), store: !noSave
            ) { line in
                if !json { print(line) }
            }
        } catch {
            throw RuntimeError("tune: \(error)")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("")
        print(TuneTable.render(report))
    }
}

/// The report as a fixed-width table, the best row marked, ratios against the general kernel.
enum TuneTable {
    static func render(_ report: SgemmTuneReport) -> String {
        let header = ["tiles"] + report.sizes.map { "N=\($0)" } + ["vs general"]
        let general = report.rows.first { $0.name == "general" }.flatMap(SgemmTuneReport.score)
        var lines: [[String]] = [header]
        for row in report.rows {
            var cells = [row.name + (row.name == report.best ? " *" : "")]
            if let problem = row.problem {
                cells += report.sizes.map { _ in "—" } + ["dropped: \(problem.prefix(60))"]
            } else {
                cells += row.gflops.map { $0.map { String(format: "%.1f", $0) } ?? "—" }
                if let score = SgemmTuneReport.score(row), let general {
                    cells.append(String(format: "%.2f×", score / general))
                } else {
                    cells.append("—")
                }
            }
            lines.append(cells)
        }
        let widths = header.indices.map { i in lines.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0 }
        var text = "GFLOP/s on \(report.device) (driver \(report.driver)), best of \(report.repeats):\n"
        for cells in lines {
            text += cells.enumerated().map { i, cell in cell.padding(toLength: max(widths[i], cell.count), withPad: " ", startingAt: 0) }
                .joined(separator: "  ") + "\n"
        }
        text += "best: \(report.best ?? "none (every configuration was dropped)")"
        if let stored = report.storedIn { text += ", stored in \(stored)" }
        for line in perSize(report) { text += "\n" + line }
        return text
    }

    static func rate(_ gflops: Double) -> String {
        gflops >= 1000 ? String(format: "%.2f TFLOP/s", gflops / 1000) : String(format: "%.1f GFLOP/s", gflops)
    }

    /// "best for N<=1024: 64x128x16/8x4 — N=1024 29.83 TFLOP/s", one line per tuned size bucket.
    static func perSize(_ report: SgemmTuneReport) -> [String] {
        guard let bySize = report.bestBySize else { return [] }
        return SgemmSizeBucket.allCases.compactMap { bucket in
            guard let name = bySize[bucket.rawValue], let row = report.rows.first(where: { $0.name == name }) else { return nil }
            let figures = zip(report.sizes, row.gflops).filter { SgemmSizeBucket(side: $0.0) == bucket }
                .map { size, value in "N=\(size) " + (value.map(rate) ?? "—") }
            return "best for \(bucket): \(name) — " + figures.joined(separator: ", ")
        }
    }
}

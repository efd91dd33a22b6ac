import ArgumentParser
import Foundation

/// `streamtop bench [engine|opencl|dashboard]`: a parent with its own positional would swallow the suite's
/// name, so each suite is a subcommand and `engine` runs when none is named.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks with peers measured in the same run (figures and ratios, not pass/fail).",
        subcommands: [EngineBench.self, OpenCLBench.self, SeedBench.self, DashboardBench.self], defaultSubcommand: EngineBench.self)
}

struct EngineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine", abstract: "The engine on the CPU against cblas_sgemm, NumPy, MLX and memcpy.")

    @Option(help: "Matrix sizes for matmul.")
    var sizes: String = "256,512,1024,2048"

    @Flag(help: "Print JSON: {\"benchmarks\":[{name, params, value, unit, peer, peer_value, ratio}]}.")
    var json = false

    @Flag(help: "Fewer repetitions (for smoke tests).")
    var quick = false

    @Option(help: "Groups of rows to leave out, comma-separated (matmul, python, perop, seed, bandwidth, recorder); sets STREAMTOP_BENCH_SKIP.")
    var skip: String?

    func validate() throws {
        guard parsedSizes() != nil else { throw ValidationError("--sizes must be a comma-separated list of positive integers") }
    }

    func parsedSizes() -> [Int]? {
        let values = sizes.split(separator: ",").map { Int($0) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return values.map { $0! }
    }

    func run() throws {
        // The groups are read where the rows are made (EngineBenchmark.wants), as the variable.
        if let skip { setenv("STREAMTOP_BENCH_SKIP", skip, 1) }
        let results = try EngineBenchmark.run(sizes: parsedSizes()!, quick: quick)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            struct Document: Encodable { let benchmarks: [BenchResult] }
            print(String(decoding: try encoder.encode(Document(benchmarks: results)), as: UTF8.self))
        } else {
            func pad(_ text: String, _ width: Int) -> String {
                text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
            }
            for r in results {
                let params = r.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                var line = pad(r.name, 18) + pad(params, 44) + String(format: "%10.3f ", r.value) + pad(r.unit, 8)
                if let peer = r.peer, let pv = r.peer_value, let ratio = r.ratio {
                    line += "  " + pad(peer, 26) + String(format: "%10.3f   ratio %.3f", pv, ratio)
                }
                print(line)
            }
        }
    }
}

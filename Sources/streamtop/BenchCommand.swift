import ArgumentParser
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks with peers measured in the same run (figures and ratios, not pass/fail).")

    @Argument(help: "What to benchmark: engine.")
    var suite: String = "engine"

    @Option(help: "Matrix sizes for matmul.")
    var sizes: String = "256,512,1024,2048"

    @Flag(help: "Print JSON: {\"benchmarks\":[{name, params, value, unit, peer, peer_value, ratio}]}.")
    var json = false

    @Flag(help: "Fewer repetitions (for smoke tests).")
    var quick = false

    func validate() throws {
        guard suite == "engine" || suite == DashboardBenchmark.suite else { throw ValidationError("unknown benchmark suite '\(suite)' (available: engine, dashboard)") }
        guard parsedSizes() != nil else { throw ValidationError("--sizes must be a comma-separated list of positive integers") }
    }

    func parsedSizes() -> [Int]? {
        let values = sizes.split(separator: ",").map { Int($0) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return values.map { $0! }
    }

    func run() throws {
        if suite == DashboardBenchmark.suite { return try DashboardBenchmark.report(json: json, quick: quick) }
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

import ArgumentParser
import Foundation

/// `streamtop bench opencl [--json] [--quick] [--sizes 256,512] [--elements N]`.
struct OpenCLBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opencl",
        abstract: "The engine on gpu(0) against CLBlast's sgemm and a copy kernel on the same OpenCL device.",
        discussion: """
            Matmul GFLOP/s against CLBlastSgemm (loaded with dlopen from libclblast1 when installed) and \
            add/exp GB/s against a plain copy kernel, ours and peer alternating in one run. The device is \
            chosen as the engine's gpu(0); STREAMTOP_OPENCL_DEVICE (index or name substring) picks another.
            """)

    @Option(help: "Matrix sizes for matmul (default 256,512,1024,2048; 64,128 with --quick).")
    var sizes: String?

    @Option(help: "float32 elements for add and exp (default 67108864; 65536 with --quick).")
    var elements: Int?

    @Flag(help: "Print JSON: {\"benchmarks\":[{name, params, value, unit, peer, peer_value, ratio}], \"device\", \"notices\"}.")
    var json = false

    @Flag(help: "Tiny sizes and one sample each (smoke tests).")
    var quick = false

    func validate() throws {
        _ = try options()
    }

    /// The parsed options; a malformed value is a usage error naming its flag.
    func options() throws(ValidationError) -> OpenCLBenchOptions {
        let sizeText = sizes ?? (quick ? "64,128" : "256,512,1024,2048")
        let sizeList = sizeText.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        // 65536² float32 is 16 GiB per operand; 2³⁰ elements is 4 GiB per array: beyond any device here.
        guard !sizeList.isEmpty, sizeList.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 0) <= 65536 }) else {
            throw ValidationError("--sizes must be a comma-separated list of integers from 1 to 65536, got '\(sizeText)'")
        }
        let count = elements ?? (quick ? 1 << 16 : 1 << 26)
        guard count > 0, count <= 1 << 30 else {
            throw ValidationError("--elements must be from 1 to \(1 << 30), got \(count)")
        }
        return OpenCLBenchOptions(sizes: sizeList.map { $0! }, elements: count, quick: quick)
    }

    func run() throws {
        let report = OpenCLBenchmark.run(try options())
        print(json ? try report.json() : report.text())
    }
}

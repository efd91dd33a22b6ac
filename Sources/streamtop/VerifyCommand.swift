import ArgumentParser
import Engine
import Foundation

/// CPU-vs-OpenCL differential checks built into the binary, so a machine without Swift (the lent
/// GPU machine) can run them: every kernel × dtype against the CPU engine, then random graphs
/// spread over CPU and GPU streams against the same graph on one CPU stream.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the OpenCL device against the CPU engine: every op × dtype, then random CPU+GPU graphs.",
        discussion: "Prints one line per failure and ends with 'N passed, M failed'. Exit status 1 when anything failed.")

    @Option(help: "The device to check: gpu (gpu(0)) or gpu:N.")
    var device: String = "gpu"

    @Flag(help: "Fewer shapes per case and fewer, smaller graphs.")
    var quick = false

    @Option(help: "Only cases whose name contains this text (e.g. matmul, softmax.float16).")
    var filter: String?

    func validate() throws {
        _ = try gpuIndex()
    }

    func gpuIndex() throws -> Int {
        if device == "gpu" { return 0 }
        if device.hasPrefix("gpu:"), let index = Int(device.dropFirst(4)), index >= 0 { return index }
        throw ValidationError("--device: '\(device)' is not a device; use gpu or gpu:N (see `streamtop devices`)")
    }

    func run() throws {
        let index = try gpuIndex()
        guard index == 0 else {
            throw ValidationError("--device: the kernel checks run on gpu(0); choose the device with STREAMTOP_OPENCL_DEVICE")
        }
        do {
            _ = try newStream(on: .gpu(0))
        } catch {
            print("gpu(0) is not available: \(error.message)")
            print("0 passed, 1 failed")
            throw ExitCode(1)
        }
        var passed = 0
        var failed = 0
        let report = try OpenCLVerify.run(filter: filter, quick: quick) { name, ok in
            if !ok { print("FAIL \(name)") }
        }
        print("device: \(report.device)")
        for line in report.failures { print("  \(line)") }
        print("kernel cases: \(report.passed) passed, \(report.failed) failed")
        passed += report.passed
        failed += report.failed
        if filter == nil {
            let graphs = quick ? 3 : 10
            var graphFailures = 0
            for seed in 1...graphs {
                let outcome = try GraphVerify.run(seed: UInt64(seed), ops: quick ? 60 : 50 + (seed * 97) % 451)
                if let problem = outcome.problem {
                    graphFailures += 1
                    print("FAIL random graph seed \(seed) (\(outcome.ops) ops): \(problem)")
                }
            }
            print("random CPU+GPU graphs: \(graphs - graphFailures) passed, \(graphFailures) failed")
            passed += graphs - graphFailures
            failed += graphFailures
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}

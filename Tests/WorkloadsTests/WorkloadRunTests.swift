import Engine
import Testing
import Workloads

/// Every workload with small parameters, on the CPU and (when there is one) on the GPU: each must
/// finish with all of its reference checks passed.
struct WorkloadRunTests {
    /// Small parameters per workload (placement added per device).
    static let small: [String: [String: String]] = [
        "arrays": [:],
        "lazy-vs-eager": ["iterations": "10", "size": "33"],
        "cpu-gpu-add": ["iterations": "3", "size": "100"],
        "matmul-exp-split": ["m": "64", "k": "32", "n": "4", "iterations": "5"],
        "matmul-sweep": ["sizes": "8,17", "pairs": "2"],
        "mlp": ["batch": "5", "input": "12", "hidden": "9", "output": "4", "iterations": "2"],
        "attention": ["heads": "2", "size": "7", "dim": "5", "iterations": "2"],
        "pipeline": ["chunks": "3", "size": "1000"],
        "reduce": ["size": "3000", "iterations": "2"],
        "random-graph": ["ops": "200", "size": "16", "streams": "2"],
        "gelu-fusion": ["size": "5000", "repeats": "2"],
    ]

    static func run(_ name: String, placement device: String) throws -> WorkloadResult {
        let workload = try Catalog.named(name)
        var values = small[name] ?? [:]
        if case .placement(let arity, _)? = workload.parameter(named: "placement")?.kind {
            values["placement"] = Array(repeating: device, count: arity).joined(separator: ",")
        }
        let arguments = try Catalog.validate(workload, values)
        return try WorkloadRunner.run(workload, arguments).result
    }

    @Test("every workload passes its reference checks on the CPU", arguments: Catalog.all.map(\.name))
    func cpu(name: String) throws {
        let result = try Self.run(name, placement: "cpu")
        #expect(!result.checks.isEmpty)
        #expect(result.failedChecks.isEmpty, "\(result.failedChecks)")
        #expect(result.skipped.isEmpty)
    }

    @Test("every workload passes its reference checks on the GPU", .enabled(if: GPU.available, GPU.skipReason), arguments: Catalog.all.map(\.name))
    func gpu(name: String) throws {
        let result = try Self.run(name, placement: "gpu")
        #expect(!result.checks.isEmpty)
        #expect(result.failedChecks.isEmpty, "\(result.failedChecks)")
    }

    @Test("arrays reports the quick-start shapes and dtypes")
    func arrays() throws {
        let lines = try Self.run("arrays", placement: "cpu").lines
        for line in ["a shape: [4]", "a dtype: int32", "b dtype: float32", "c shape: [2, 4]", "c dtype: int32", "d dtype: float32"] {
            #expect(lines.contains(line), "missing \(line)")
        }
        #expect(lines.contains("a + b = array([2, 4, 6, 8], dtype=float32)"))
    }

    @Test("matmul-exp-split: the seed's labels and a table row per placement; all placements agree")
    func placements() throws {
        let (workload, arguments) = try Catalog.validate("matmul-exp-split", ["m": "40", "k": "16", "iterations": "3", "placement": "all"])
        let result = try WorkloadRunner.run(workload, arguments).result
        #expect(result.failedChecks.isEmpty, "\(result.failedChecks)")
        let table = try #require(result.tables.first)
        #expect(table.rows.map(\.[0]) == ["cpu,cpu", "gpu,gpu", "cpu,gpu", "gpu,cpu"].filter { GPU.available || $0 == "cpu,cpu" }
            + (GPU.available ? [] : ["gpu,gpu", "cpu,gpu", "gpu,cpu"]))
        #expect(result.timings.first?.label == "cpu elapsed time")
        if GPU.available {
            #expect(result.timings.map(\.label) == ["cpu elapsed time", "gpu elapsed time", "cpu-gpu elapsed time", "gpu-cpu elapsed time"])
            #expect(result.checks.filter { $0.name.contains("agrees with cpu,cpu") }.count == 6)
        } else {
            #expect(result.skipped.map(\.placement) == ["gpu,gpu", "cpu,gpu", "gpu,cpu"])
            #expect(result.skipped.allSatisfy { $0.reason.hasPrefix("gpu: ") && $0.reason.count > 5 })
        }
    }

    @Test("matmul-sweep: one table row per size, one column pair per device")
    func sweep() throws {
        let result = try Self.run("matmul-sweep", placement: "cpu")
        let table = try #require(result.tables.first)
        #expect(table.columns == ["N", "cpu mean", "cpu GFLOP/s"])
        #expect(table.rows.map(\.[0]) == ["8", "17"])
    }

    @Test("cpu-gpu-add with all: the two-CPU-stream case runs, the GPU one runs or is skipped with the reason")
    func addAll() throws {
        let (workload, arguments) = try Catalog.validate("cpu-gpu-add", ["iterations": "2", "size": "10"])
        let result = try WorkloadRunner.run(workload, arguments).result
        #expect(result.failedChecks.isEmpty)
        #expect(result.checks.count == (GPU.available ? 6 : 3))
        #expect(result.skipped.map(\.placement) == (GPU.available ? [] : ["cpu,gpu"]))
    }
}

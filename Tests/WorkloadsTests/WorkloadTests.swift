import Engine
import Testing
import Workloads

struct WorkloadTests {
    func run(_ name: String, _ values: [String: String] = [:]) throws -> [String] {
        let report = WorkloadReport()
        try Catalog.named(name).run(WorkloadSettings(values), report: report)
        return report.lines
    }

    @Test("the catalog names are unique and every parameter has a default")
    func catalog() {
        let names = Catalog.all.map(\.name)
        #expect(Set(names).count == names.count)
        for workload in Catalog.all {
            #expect(!workload.summary.isEmpty)
            for parameter in workload.parameters { #expect(!parameter.defaultValue.isEmpty) }
        }
    }

    @Test("arrays reports the quick-start shapes and dtypes")
    func arrays() throws {
        let lines = try run("arrays")
        #expect(lines.contains("a dtype: int32"))
        #expect(lines.contains("d shape: [2, 4]"))
        #expect(lines.contains("d dtype: float32"))
    }

    @Test("lazy-vs-eager leaves c unevaluated after the lazy loop and evaluated after the forced one")
    func lazyVsEager() throws {
        let lines = try run("lazy-vs-eager", ["iterations": "10"])
        #expect(lines.contains("c evaluated after the lazy loop: false"))
        #expect(lines.contains("c evaluated after the forced loop: true"))
    }

    @Test("matmul-exp-split times the CPU placement and skips GPU ones with the reason")
    func placements() throws {
        let lines = try run("matmul-exp-split", ["steps": "3"])
        #expect(lines.contains { $0.hasPrefix("cpu elapsed time: ") && $0.hasSuffix(" ms") })
        #expect(lines.contains { $0.hasPrefix("gpu-cpu elapsed time: skipped — matmul: Device(gpu, 0) is not available") })
    }

    @Test("a malformed parameter is an error naming it")
    func badParameter() {
        #expect(throws: WorkloadError.badParameter("sizes", "1,x", "a comma-separated list of integers")) {
            try run("matmul-sweep", ["sizes": "1,x"])
        }
        #expect(throws: WorkloadError.badParameter("placement", "cpu", "two devices like cpu,gpu")) {
            try run("matmul-exp-split", ["placement": "cpu", "steps": "1"])
        }
        #expect(throws: WorkloadError.unknownWorkload("nope")) { try Catalog.named("nope") }
    }

    @Test("matmul-sweep reports one line per size with a positive rate")
    func sweep() throws {
        let lines = try run("matmul-sweep", ["sizes": "8,16", "pairs": "2"])
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("N=8: mean "))
        #expect(lines[1].hasPrefix("N=16: mean "))
    }
}

import Engine
import Testing
import Workloads

/// The catalog validates before anything runs: names, values, devices and memory.
struct CatalogTests {
    @Test("names are unique, every workload is described, and every default validates")
    func defaults() throws {
        let names = Catalog.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names == [
            "arrays", "lazy-vs-eager", "cpu-gpu-add", "matmul-exp-split", "matmul-sweep", "mlp", "attention", "pipeline", "reduce",
            "random-graph", "gelu-fusion",
        ])
        for workload in Catalog.all {
            #expect(!workload.summary.isEmpty)
            let arguments = try Catalog.validate(workload)
            for parameter in workload.parameters {
                #expect(arguments.texts[parameter.name] == parameter.defaultText, "\(workload.name) --\(parameter.name)")
            }
        }
    }

    @Test("an unknown workload lists the known ones")
    func unknownWorkload() {
        #expect(throws: WorkloadError.unknownWorkload("nope")) { try Catalog.validate("nope") }
        #expect(WorkloadError.unknownWorkload("nope").description.contains("matmul-exp-split"))
    }

    @Test("an unknown parameter is refused by the catalog, naming what the workload takes")
    func unknownParameter() {
        #expect(throws: WorkloadError.unknownParameter(workload: "reduce", name: "steps", known: ["size", "iterations", "placement", "seed"])) {
            try Catalog.validate("reduce", ["steps": "3"])
        }
    }

    @Test("values are typed: the given ones parsed, the rest defaulted")
    func typed() throws {
        let (_, arguments) = try Catalog.validate("matmul-exp-split", ["m": "64", "placement": "cpu,cpu"])
        #expect(arguments.int("m") == 64)
        #expect(arguments.int("k") == 512)
        #expect(arguments.placements() == [Placement([.cpu, .cpu])])
    }

    @Test("a run too large for memory names the size parameters given")
    func tooLarge() throws {
        let limit = Catalog.memoryLimit
        // 2^33 uniform float32 plus an int64 arange: 16 bytes per element, far beyond any test machine's limit.
        let n = 1 << 33
        #expect(throws: WorkloadError.tooLarge(workload: "reduce", parameters: ["size"], bytes: n * 16, limit: limit)) {
            try Catalog.validate("reduce", ["size": "\(n)"])
        }
        do {
            _ = try Catalog.validate("matmul-exp-split", ["m": "16777216", "k": "16777216"])
            Issue.record("a 2^24 × 2^24 matrix was accepted")
        } catch let error {
            guard case .tooLarge(_, let parameters, let bytes, _) = error else { Issue.record("\(error)"); return }
            #expect(parameters == ["m", "k"])
            #expect(bytes > limit)
        }
    }

    @Test("an explicit GPU placement without a GPU is refused up front with the reason")
    func gpuUnavailable() throws {
        guard !GPU.available else { return }
        do {
            _ = try Catalog.validate("reduce", ["placement": "gpu"])
            Issue.record("accepted a GPU placement with no GPU")
        } catch let error {
            guard case .unavailableDevice(let parameter, let value, let reason) = error else { Issue.record("\(error)"); return }
            #expect(parameter == "placement")
            #expect(value == "gpu")
            #expect(!reason.isEmpty)
            #expect(error.description.hasPrefix("--placement 'gpu': gpu: "))
        }
        // `all` runs what exists and skips the rest.
        _ = try Catalog.validate("matmul-exp-split", ["placement": "all"])
    }
}

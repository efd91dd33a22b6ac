import Testing

@testable import Engine

/// Every primitive × dtype on PoCL against the CPU engine (see `DifferentialCatalog`). One shared
/// testbed, so each kernel program is compiled once per test process.
@Suite("OpenCL differential", .serialized)
struct DifferentialTests {
    static let names = DifferentialCatalog.all.map(\.name)

    @Test("matches the CPU engine", arguments: names)
    func matchesCPU(_ name: String) throws {
        let testbed = try OpenCLTestbed.shared.get()
        let item = try #require(DifferentialCatalog.all.first { $0.name == name })
        let failures = item.run(on: testbed)
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    }
}

/// The paths a device without `cl_khr_fp64` takes: ranges written from the host, float accumulators
/// for sums and logsumexp, the float `log` inside normal draws.
@Suite("OpenCL differential without fp64", .serialized)
struct DifferentialWithoutFP64Tests {
    static let names = DifferentialCatalog.all.map(\.name).filter { name in
        ["arange.", "linspace.", "reduce.sum.float", "reduce.prod.float", "logsumexp.", "normal.", "uniform."].contains { name.hasPrefix($0) }
    }

    @Test("matches the CPU engine", arguments: names)
    func matchesCPU(_ name: String) throws {
        let testbed = try OpenCLTestbed.withoutFP64.get()
        #expect(!testbed.kernels.fp64)
        let item = try #require(DifferentialCatalog.all.first { $0.name == name })
        let failures = item.run(on: testbed)
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    }
}

@Suite("OpenCL verify entry point")
struct VerifyEntryTests {
    @Test func runsTheSelectedCasesAndCountsThem() throws {
        var heard: [String] = []
        let report = try OpenCLVerify.run(filter: "eye.", quick: true) { name, ok in heard.append("\(name) \(ok)") }
        #expect(report.passed == 5 && report.failed == 0 && report.failures.isEmpty)
        #expect(heard == DType.allCases.map { "eye.\($0) true" })
        #expect(!report.device.isEmpty)
        #expect(OpenCLVerify.caseNames.count == DifferentialCatalog.all.count)
    }
}

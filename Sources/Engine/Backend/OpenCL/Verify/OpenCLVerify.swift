/// The CPU-vs-OpenCL differential checks, runnable from the binary (`streamtop verify`) as well as
/// from the tests: every non-view primitive × dtype on random shapes, broadcasts, transposed and
/// strided inputs, odd, one-element and empty sizes, compared with the CPU engine's results.
public enum OpenCLVerify {
    public struct Report: Sendable {
        public let device: String
        public let passed: Int
        public let failed: Int
        /// One line per failing trial: case name, shapes and layouts, what differed.
        public let failures: [String]
    }

    /// The case names, for `--filter` style selection.
    public static var caseNames: [String] { DifferentialCatalog.all.map(\.name) }

    /// Runs the cases whose name contains `filter` (all when nil) on gpu(0); `quick` draws fewer
    /// shapes. `progress` hears each case's name and result as it finishes.
    public static func run(
        filter: String? = nil, quick: Bool = false, progress: (String, Bool) -> Void = { _, _ in }
    ) throws(EngineError) -> Report {
        let testbed = try OpenCLTestbed.shared.get()
        var passed = 0
        var failures: [String] = []
        var failed = 0
        for item in DifferentialCatalog.all where filter.map({ item.name.contains($0) }) ?? true {
            let problems = item.run(on: testbed, quick: quick)
            if problems.isEmpty { passed += 1 } else { failed += 1 }
            failures += problems
            progress(item.name, problems.isEmpty)
        }
        return Report(device: testbed.device.info.name, passed: passed, failed: failed, failures: failures)
    }
}

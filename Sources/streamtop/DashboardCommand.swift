import ArgumentParser
import Workloads

/// The default command. Until the live dashboard lands, it runs the quick-start workloads headless.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "The live dashboard (for now: runs the quick-start workloads headless).")

    func run() throws {
        for name in ["arrays", "lazy-vs-eager", "matmul-exp-split"] {
            let (workload, arguments) = try Catalog.validate(name)
            print("== \(workload.name): \(workload.summary)")
            let outcome = try WorkloadRunner.run(workload, arguments, sink: { print($0) })
            guard outcome.passed else { throw RuntimeError("\(name): \(outcome.result.failedChecks.count) checks failed") }
        }
    }
}

/// A failure while running (not bad input): its message, exit status 1.
struct RuntimeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

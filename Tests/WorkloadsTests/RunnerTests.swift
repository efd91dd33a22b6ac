import Engine
import Foundation
import Testing
import Workloads

/// Once, looping, stopping, and what reaches the sink and the progress callback.
struct RunnerTests {
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        private var fractions: [Double] = []
        func add(_ line: String) { lock.withLock { items.append(line) } }
        func add(_ fraction: Double) { lock.withLock { fractions.append(fraction) } }
        var lines: [String] { lock.withLock { items } }
        var progress: [Double] { lock.withLock { fractions } }
    }

    @Test("once: one run, the sink sees the result's lines, progress ends at 1")
    func once() throws {
        let (workload, arguments) = try Catalog.validate("lazy-vs-eager", ["iterations": "200", "placement": "cpu"])
        let collected = Collected()
        let outcome = try WorkloadRunner.run(workload, arguments, sink: { collected.add($0) }, progress: { collected.add($0) })
        #expect(outcome.runs == 1)
        #expect(outcome.passed)
        #expect(outcome.result.lines.allSatisfy { collected.lines.contains($0) })
        #expect(collected.progress.allSatisfy { (0...1).contains($0) })
        #expect(collected.progress == collected.progress.sorted())
    }

    @Test("loop: repeats until the time has passed; only the first run reaches the sink")
    func loop() throws {
        let (workload, arguments) = try Catalog.validate("reduce", ["size": "100", "iterations": "1"])
        let collected = Collected()
        let outcome = try WorkloadRunner.run(workload, arguments, mode: .loop(seconds: 0.2), sink: { collected.add($0) })
        #expect(outcome.runs >= 2)
        #expect(outcome.failedRuns == 0)
        #expect(outcome.seconds >= 0.2)
        #expect(!outcome.stopped)
        let checkLines = collected.lines.filter { $0.hasPrefix("check ") }
        #expect(checkLines.count == outcome.result.checks.count)
    }

    @Test("a stop token ends an endless loop at the next safe point")
    func stop() throws {
        let (workload, arguments) = try Catalog.validate("random-graph", ["ops": "2000", "size": "8", "placement": "cpu,cpu"])
        let token = StopToken()
        let stopper = Thread { Thread.sleep(forTimeInterval: 0.3); token.stop() }
        stopper.start()
        let start = Date()
        let outcome = try WorkloadRunner.run(workload, arguments, mode: .loop(seconds: nil), stop: token)
        #expect(outcome.stopped)
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test("a token stopped before the run ends it before the first check")
    func stoppedEarly() throws {
        let (workload, arguments) = try Catalog.validate("matmul-exp-split", ["m": "8", "k": "8", "iterations": "100", "placement": "cpu,cpu"])
        let token = StopToken()
        token.stop()
        let outcome = try WorkloadRunner.run(workload, arguments, stop: token)
        #expect(outcome.stopped)
        #expect(outcome.runs == 0)
        #expect(outcome.result.checks.isEmpty)
    }
}

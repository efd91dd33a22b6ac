import Dashboard
import Foundation
import Testing
import Workloads

/// A value shared with a workload's thread.
final class Shared<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&value) } }
}

/// The loop with hand-made entries (no engine): counting, stopping mid-run, failing, swapping.
@Suite struct WorkloadLoopTests {
    /// Polls `condition` for up to 5 s.
    func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if condition() { return true }
            usleep(2_000)
        }
        return condition()
    }

    func iterations(_ loop: WorkloadLoop) -> Int {
        if case .running(_, let n) = loop.state { return n }
        return -1
    }

    @Test func loopsUntilStoppedThenGoesIdle() {
        let runs = Shared(0)
        let entry = WorkloadEntry(name: "count", summary: "", parameters: []) { values, stop in
            #expect(values == ["n": "3"])
            runs.update { $0 += 1 }
            usleep(1_000)
            return nil
        }
        let loop = WorkloadLoop()
        loop.start(entry, values: ["n": "3"])
        #expect(eventually { iterations(loop) >= 5 })
        loop.stop()
        #expect(eventually { loop.state == .idle })
        let after = runs.get()
        usleep(20_000)
        #expect(runs.get() == after)  // nothing runs once idle
    }

    @Test func stopReachesARunInProgress() {
        let entry = WorkloadEntry(name: "long", summary: "", parameters: []) { _, stop in
            while !stop.isStopped { usleep(1_000) }
            try WorkloadContext(stop: stop).checkStopped()
            return nil
        }
        let loop = WorkloadLoop()
        loop.start(entry, values: [:])
        usleep(10_000)
        #expect(loop.stopAndWait(timeout: 5))
        #expect(eventually { loop.state == .idle })
    }

    @Test func anErrorOrAFailedCheckEndsTheLoopWithItsMessage() {
        struct Boom: Error, CustomStringConvertible { var description: String { "out of memory in exp" } }
        let loop = WorkloadLoop()
        loop.start(WorkloadEntry(name: "bad", summary: "", parameters: []) { _, _ in throw Boom() }, values: [:])
        #expect(eventually { loop.state == .failed(name: "bad", message: "out of memory in exp") })
        loop.start(WorkloadEntry(name: "wrong", summary: "", parameters: []) { _, _ in "check sum failed" }, values: [:])
        #expect(eventually { loop.state == .failed(name: "wrong", message: "check sum failed") })
    }

    @Test func startingAnotherSwapsThem() {
        let firstRunning = Shared(false)
        let first = WorkloadEntry(name: "first", summary: "", parameters: []) { _, stop in
            firstRunning.set(true)
            while !stop.isStopped { usleep(1_000) }
            firstRunning.set(false)
            try WorkloadContext(stop: stop).checkStopped()
            return nil
        }
        let overlap = Shared(false)
        let second = WorkloadEntry(name: "second", summary: "", parameters: []) { _, _ in
            if firstRunning.get() { overlap.set(true) }
            usleep(1_000)
            return nil
        }
        let loop = WorkloadLoop()
        loop.start(first, values: [:])
        #expect(eventually { firstRunning.get() })
        loop.start(second, values: [:])
        #expect(eventually { iterations(loop) >= 3 })
        if case .running(let name, _) = loop.state { #expect(name == "second") } else { Issue.record("not running") }
        #expect(!overlap.get())  // the second waited for the first to end
        loop.stopAndWait(timeout: 5)
    }

    @Test func entriesValidateNamesAndValues() throws {
        let entry = try #require(WorkloadEntry.catalog().first { $0.name == "matmul-exp-split" })
        #expect(entry.validate([:]) == nil)
        #expect(entry.validate(["size": "4"])?.contains("has no parameter 'size'") == true)
        #expect(entry.validate(["m": "0"])?.contains("out of range") == true)
        let m = try #require(entry.parameters.first { $0.name == "m" })
        #expect(m.defaultValue == "4096")
        #expect(m.validate("abc") != nil)
        #expect(m.validate("64") == nil)
    }
}

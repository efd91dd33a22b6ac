import Engine
import Foundation

/// Where a workload writes what it shows. Thread-safe: a workload may report from several threads;
/// each entry is also handed, as text, to `sink` (the CLI prints it as it comes).
public final class WorkloadReport: @unchecked Sendable {
    private let lock = NSLock()
    private let sink: @Sendable (String) -> Void
    private var collected = WorkloadResult()

    public init(sink: @escaping @Sendable (String) -> Void = { _ in }) { self.sink = sink }

    /// Everything reported so far (a copy, read under the lock).
    public var result: WorkloadResult { lock.withLock { collected } }

    public func line(_ text: String) {
        lock.withLock { collected.lines.append(text) }
        sink(text)
    }

    /// Times `body`, records it under `label` and shows `label: N ms`.
    @discardableResult
    public func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let start = EngineClock.now()
        let value = try body()
        let ms = Double(EngineClock.now() - start) / 1e6
        lock.withLock { collected.timings.append(.init(label: label, milliseconds: ms)) }
        line("\(label): \(formatMilliseconds(ms))")
        return value
    }

    public func table(_ table: WorkloadTable) {
        lock.withLock { collected.tables.append(table) }
        for text in table.render() { sink(text) }
    }

    /// Records a check against a reference; `detail` says what was compared and how close it came.
    public func check(_ name: String, passed: Bool, _ detail: String) {
        lock.withLock { collected.checks.append(.init(name: name, passed: passed, detail: detail)) }
        sink("check \(name): \(passed ? "passed" : "FAILED") (\(detail))")
    }

    public func check(_ name: String, _ comparison: Comparison) {
        check(name, passed: comparison.passed, comparison.detail)
    }

    public func skip(_ placement: Placement, reason: String) {
        lock.withLock { collected.skipped.append(.init(placement: placement.description, reason: reason)) }
        sink("\(placement): skipped — \(reason)")
    }
}

/// `1234 ms`, `12.345 ms`.
public func formatMilliseconds(_ ms: Double) -> String {
    ms >= 100 ? "\(Int(ms.rounded())) ms" : String(format: "%.3f ms", ms)
}

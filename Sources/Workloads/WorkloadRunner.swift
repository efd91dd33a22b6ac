import Engine

/// Runs a validated workload once, or again and again until a deadline or a stop — the
/// headless `run --loop SECONDS` and the dashboard's looping menu entry share it.
public enum WorkloadRunner {
    public enum Mode: Sendable, Equatable {
        case once
        /// Repeats until `seconds` have passed (nil: until the stop token fires); a run in progress
        /// at the deadline finishes.
        case loop(seconds: Double?)
    }

    public struct Outcome: Sendable {
        /// The first run's result (what was printed as it ran).
        public let result: WorkloadResult
        /// Completed runs, and how many of them had a failed check.
        public let runs: Int
        public let failedRuns: Int
        public let seconds: Double
        /// True when the stop token ended it.
        public let stopped: Bool

        public var passed: Bool { failedRuns == 0 && result.passed }
    }

    /// `sink` receives the first run's text as it is produced; `progress` a fraction in 0…1
    /// (the workload's own steps, or the share of the loop's time that has passed).
    public static func run(
        _ workload: any Workload, _ arguments: WorkloadArguments, mode: Mode = .once, stop: StopToken = StopToken(),
        sink: @escaping @Sendable (String) -> Void = { _ in }, progress: @escaping @Sendable (Double) -> Void = { _ in }
    ) throws -> Outcome {
        let start = EngineClock.now()
        func elapsed() -> Double { Double(EngineClock.now() - start) / 1e9 }
        var first: WorkloadResult?
        var runs = 0
        var failed = 0
        var stopped = false
        repeat {
            let quiet: @Sendable (String) -> Void = { _ in }
            let report = WorkloadReport(sink: first == nil ? sink : quiet)
            let stepProgress: @Sendable (Double) -> Void
            if case .loop(let seconds?) = mode {
                stepProgress = { _ in progress(min(1, Double(EngineClock.now() - start) / 1e9 / seconds)) }
            } else {
                stepProgress = progress
            }
            let context = WorkloadContext(report: report, stop: stop, progress: stepProgress)
            do {
                try workload.run(arguments, context: context)
            } catch is WorkloadStopped {
                stopped = true
                if first == nil { first = report.result }
                break
            }
            runs += 1
            let result = report.result
            if !result.passed { failed += 1 }
            if first == nil { first = result }
            if stop.isStopped { stopped = true }
        } while !stopped && shouldContinue(mode, elapsed())
        return Outcome(result: first ?? WorkloadResult(), runs: runs, failedRuns: failed, seconds: elapsed(), stopped: stopped)
    }

    private static func shouldContinue(_ mode: Mode, _ elapsed: Double) -> Bool {
        switch mode {
        case .once: false
        case .loop(let seconds): seconds.map { elapsed < $0 } ?? true
        }
    }
}

/// What one run of a workload showed: its text, timed phases, tables, checks against a reference,
/// and placements it skipped (with the reason). Encodes as the `result` object of `run --json`.
public struct WorkloadResult: Sendable, Codable, Equatable {
    public struct Timing: Sendable, Codable, Equatable {
        public let label: String
        public let milliseconds: Double
    }

    /// A check of the result against an independent reference.
    public struct Check: Sendable, Codable, Equatable {
        public let name: String
        public let passed: Bool
        public let detail: String
    }

    public struct Skip: Sendable, Codable, Equatable {
        public let placement: String
        public let reason: String
    }

    public var lines: [String] = []
    public var timings: [Timing] = []
    public var tables: [WorkloadTable] = []
    public var checks: [Check] = []
    public var skipped: [Skip] = []

    public init() {}

    /// True when every check passed (and there was at least one, or nothing ran to check).
    public var passed: Bool { checks.allSatisfy(\.passed) }

    public var failedChecks: [Check] { checks.filter { !$0.passed } }
}

import Profiler
import Workloads

/// The one JSON document `streamtop run --json` prints (keys in snake_case; README documents it).
struct RunDocument: Encodable {
    static let schema = "streamtop.run/1"

    struct WorkloadInfo: Encodable {
        let name: String
        let summary: String
    }

    let schema = RunDocument.schema
    let workload: WorkloadInfo
    /// Every parameter's value as text (given or default).
    let parameters: [String: String]
    /// Seconds of `--loop`, or nil for a single run.
    let loopSeconds: Double?
    let runs: Int
    let failedRuns: Int
    let stopped: Bool
    let wallSeconds: Double
    /// Every check of every run passed.
    let passed: Bool
    /// The first run's result.
    let result: WorkloadResult
    let profile: ProfileSummary
    /// The trace file written, or nil.
    let trace: String?
}

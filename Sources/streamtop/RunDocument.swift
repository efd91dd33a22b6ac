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

    private enum CodingKeys: String, CodingKey {
        case schema, workload, parameters, loopSeconds, runs, failedRuns, stopped, wallSeconds, passed, result, profile, trace
    }

    /// Written by hand so absent values appear as `null` instead of missing keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(workload, forKey: .workload)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(loopSeconds, forKey: .loopSeconds)
        try container.encode(runs, forKey: .runs)
        try container.encode(failedRuns, forKey: .failedRuns)
        try container.encode(stopped, forKey: .stopped)
        try container.encode(wallSeconds, forKey: .wallSeconds)
        try container.encode(passed, forKey: .passed)
        try container.encode(result, forKey: .result)
        try container.encode(profile, forKey: .profile)
        try container.encode(trace, forKey: .trace)
    }
}

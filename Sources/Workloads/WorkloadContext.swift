/// What a running workload gets besides its arguments: where to report, when to stop, and where
/// to say how far it is (for a progress bar).
public final class WorkloadContext: Sendable {
    public let report: WorkloadReport
    public let stop: StopToken
    private let progressSink: @Sendable (Double) -> Void

    public init(report: WorkloadReport = WorkloadReport(), stop: StopToken = StopToken(), progress: @escaping @Sendable (Double) -> Void = { _ in }) {
        self.report = report
        self.stop = stop
        self.progressSink = progress
    }

    /// Throws `WorkloadStopped` once the stop token fired; call between steps.
    public func checkStopped() throws(WorkloadStopped) {
        if stop.isStopped { throw WorkloadStopped() }
    }

    /// Reports `done` of `total` steps finished.
    public func progress(_ done: Int, of total: Int) {
        progressSink(total > 0 ? min(1, Double(done) / Double(total)) : 1)
    }

    /// The placements whose devices are all usable; the others are reported as skipped with the reason.
    public func usable(_ placements: [Placement]) -> [Placement] {
        placements.filter { placement in
            guard let why = DeviceAvailability.reason(placement) else { return true }
            report.skip(placement, reason: why)
            return false
        }
    }
}

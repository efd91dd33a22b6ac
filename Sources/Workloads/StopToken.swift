import Synchronization

/// Asks a running workload to stop at its next safe point (the dashboard's stop key, Ctrl-C in
/// `--loop`). Workloads poll it between steps through `WorkloadContext.checkStopped()`.
public final class StopToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func stop() { flag.store(true, ordering: .releasing) }

    public var isStopped: Bool { flag.load(ordering: .acquiring) }
}

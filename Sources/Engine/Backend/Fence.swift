/// Device work that finishes after the host call that enqueued it (an OpenCL event).
protocol DeviceEvent: AnyObject, Sendable {
    var isComplete: Bool { get }
    /// Blocks the calling thread until the work has finished.
    func wait() throws(EngineError)
}

/// Completes when a scheduled node's output is ready: its stream's task has run and, on an
/// asynchronous device, the device has finished what that task enqueued.
///
/// Every cross-stream wait goes through this one type: a CPU producer is done when its stream's
/// completion counter passes `seq`; an OpenCL producer additionally carries the `cl_event` its task
/// returned, which a consumer on another queue puts in its wait list instead of blocking.
final class Fence: @unchecked Sendable {
    let worker: StreamWorker
    let seq: UInt64
    let streamIndex: Int
    let streamName: String
    /// The graph node (tensor id) this fence produces, for wait records.
    let nodeID: Int
    /// Set by the producing task before its stream marks `seq` complete, so anyone who has waited
    /// for submission reads it without a lock.
    private(set) var deviceEvent: (any DeviceEvent)?

    init(worker: StreamWorker, seq: UInt64, stream: DeviceStream, nodeID: Int) {
        self.worker = worker
        self.seq = seq
        streamIndex = stream.index
        streamName = stream.name
        self.nodeID = nodeID
    }

    /// Called by the producing task, under `Scheduler.lock`, before its stream marks `seq` complete.
    func attach(_ event: any DeviceEvent) { deviceEvent = event }

    /// Waits until the producing task has run on its stream (for a GPU stream: has been enqueued).
    func waitSubmitted() { worker.wait(for: seq) }

    /// Waits until the output is ready for the host.
    func wait() throws(EngineError) {
        worker.wait(for: seq)
        try deviceEvent?.wait()
    }

    var isComplete: Bool { worker.isComplete(seq) && (deviceEvent?.isComplete ?? true) }
}

/// An OpenCL command's completion as the scheduler's `DeviceEvent`: consumers on queues of the
/// same context put `event` in their wait lists; the host (a CPU stream, a read) blocks on it.
final class OpenCLDeviceEvent: DeviceEvent, @unchecked Sendable {
    let event: CLEvent
    /// The context the event belongs to: only queues of this context may wait on it on the device.
    let context: CLContext
    let op: String

    init(_ event: CLEvent, context: CLContext, op: String) {
        self.event = event
        self.context = context
        self.op = op
    }

    var isComplete: Bool { (try? event.status) == .complete }

    func wait() throws(EngineError) {
        do { try event.wait(op: op) } catch {
            throw EngineError(op: op, kind: .device, "the device reported a failure: \(error.message)")
        }
    }
}

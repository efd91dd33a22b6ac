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

    /// Polls the status for up to 200 µs before blocking: most waits in an eval-per-op loop end
    /// within tens of microseconds, and a driver's blocking wait can add as much again in wake-up.
    func wait() throws(EngineError) {
        let start = EngineClock.now()
        while EngineClock.now() &- start < 200_000 {
            switch try? event.status {
            case .complete: return
            case .failed, nil: break
            default: continue
            }
            break
        }
        do { try event.wait(op: op) } catch {
            throw EngineError(op: op, kind: .device, "the device reported a failure: \(error.message)")
        }
    }
}

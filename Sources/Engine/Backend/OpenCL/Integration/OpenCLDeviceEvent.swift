/// An OpenCL command's completion as the scheduler's `DeviceEvent`: consumers on queues of the
/// same context put `event` in their wait lists; the host (a CPU stream, a read) blocks on it.
///
/// It may hold what the command reads and writes (when no completion callback does): released once
/// a wait has seen the command complete, or, when the event is dropped earlier, by a completion
/// callback registered then — so a buffer never returns to the pool while a kernel still uses it,
/// and an op whose result is waited for (every `eval`) costs no callback.
final class OpenCLDeviceEvent: DeviceEvent, @unchecked Sendable {
    let event: CLEvent
    /// The context the event belongs to: only queues of this context may wait on it on the device.
    let context: CLContext
    let op: String
    private let lock = Lock()
    private var held: KeptAlive?

    init(_ event: CLEvent, context: CLContext, op: String, holding held: KeptAlive? = nil) {
        self.event = event
        self.context = context
        self.op = op
        self.held = held
    }

    deinit {
        guard let held else { return }
        if (try? event.status) == .complete { return }
        let event = event
        do {
            try event.onComplete { _ in withExtendedLifetime(held) {} }
        } catch {
            // No callback: waiting here is slower but never frees memory a kernel still uses.
            try? event.wait()
            withExtendedLifetime(held) {}
        }
    }

    var isComplete: Bool { (try? event.status) == .complete }

    func wait() throws(EngineError) {
        do { try event.wait(op: op) } catch {
            throw EngineError(op: op, kind: .device, "the device reported a failure: \(error.message)")
        }
        let released = lock.withLock { () -> KeptAlive? in
            defer { held = nil }
            return held
        }
        // Dropped outside the lock: releasing buffers returns them to the pool, which may cascade.
        withExtendedLifetime(released) {}
    }
}

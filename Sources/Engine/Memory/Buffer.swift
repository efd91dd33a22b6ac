/// A block of device memory owned by exactly one `Buffer`; returned to its pool on deinit.
///
/// Arrays and views share a buffer by reference, so the memory lives as long as any view of it.
/// Opaque outside the engine: what the memory is (host address, OpenCL buffer) is the backend's business.
public final class Buffer: @unchecked Sendable {
    let memory: DeviceMemory
    /// Bytes the caller asked for.
    public let byteCount: Int
    /// Bytes actually reserved (the size class), what the pool accounts.
    let capacity: Int
    let pool: MemoryPool
    /// Per-device state a backend attaches (an OpenCL alias of host memory, a host mirror of device
    /// memory), dropped with the buffer. Guarded by `attachmentLock`.
    private var attachments: [Device: AnyObject] = [:]
    private let attachmentLock = Lock()

    init(memory: DeviceMemory, byteCount: Int, capacity: Int, pool: MemoryPool) {
        self.memory = memory
        self.byteCount = byteCount
        self.capacity = capacity
        self.pool = pool
    }

    deinit {
        attachments.removeAll()
        pool.release(memory, capacity: capacity)
    }

    /// The device whose memory this is.
    var device: Device { pool.device }

    /// The host address; only for memory the CPU can address (see `DeviceMemory.host`).
    var pointer: UnsafeMutableRawPointer {
        guard let host = memory.host else { preconditionFailure("\(device) memory read as host memory") }
        return host
    }

    var isHostAccessible: Bool { memory.host != nil }

    /// The attachment for `device`, made by `make` on first use.
    func attachment<T: AnyObject>(for device: Device, make: () throws(EngineError) -> T) throws(EngineError) -> T {
        attachmentLock.lock()
        defer { attachmentLock.unlock() }
        if let existing = attachments[device] as? T { return existing }
        let made = try make()
        attachments[device] = made
        return made
    }

    /// Drops every attachment: the contents are about to change (the buffer was donated to an op).
    func invalidateAttachments() {
        attachmentLock.withLock { attachments.removeAll() }
    }
}

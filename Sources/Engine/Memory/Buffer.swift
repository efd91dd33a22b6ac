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
    /// Made on first use: most buffers (every CPU op's output) never get an attachment, and a
    /// mutex per buffer was two allocations and a destroy per op. `lockCreation` guards the making.
    private var lazyLock: Lock?
    private static let lockCreation = Lock()
    private var attachmentLock: Lock {
        Self.lockCreation.withLock {
            if let lock = lazyLock { return lock }
            let lock = Lock()
            lazyLock = lock
            return lock
        }
    }

    init(memory: DeviceMemory, byteCount: Int, capacity: Int, pool: MemoryPool) {
        self.memory = memory
        self.byteCount = byteCount
        self.capacity = capacity
        self.pool = pool
    }

    deinit {
        attachments.removeAll()  // nobody else holds the buffer now: no lock needed
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
        let lock = attachmentLock
        lock.lock()
        defer { lock.unlock() }
        if let existing = attachments[device] as? T { return existing }
        let made = try make()
        attachments[device] = made
        return made
    }

    /// Drops every attachment: the contents are about to change (the buffer was donated to an op).
    func invalidateAttachments() {
        // No lock yet means no attachment was ever made (they are made under it).
        guard let lock = Self.lockCreation.withLock({ lazyLock }) else { return }
        lock.withLock { attachments.removeAll() }
    }
}

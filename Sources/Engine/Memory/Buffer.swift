/// A block of device memory owned by exactly one `Buffer`; returned to its pool on deinit.
///
/// Arrays and views share a buffer by reference, so the memory lives as long as any view of it.
public final class Buffer: @unchecked Sendable {
    public let pointer: UnsafeMutableRawPointer
    /// Bytes the caller asked for.
    public let byteCount: Int
    /// Bytes actually reserved (the size class), what the pool accounts.
    let capacity: Int
    let pool: MemoryPool

    init(pointer: UnsafeMutableRawPointer, byteCount: Int, capacity: Int, pool: MemoryPool) {
        self.pointer = pointer
        self.byteCount = byteCount
        self.capacity = capacity
        self.pool = pool
    }

    deinit { pool.release(pointer, capacity: capacity) }
}

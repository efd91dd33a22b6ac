import Foundation

/// A per-device allocator with size classes and a cache of freed blocks, modelled on MLX's
/// `BufferCache`: a freed block is kept (up to `cacheLimit`) and handed out again for a later
/// request of a close size, so steady-state workloads stop calling `malloc`.
///
/// The figures MLX lacks are kept here too: allocation count, cache hits and misses, and a peak
/// that counts what the workload held (active), with the cache shown separately.
public final class MemoryPool: @unchecked Sendable {
    /// Counters, read as one consistent snapshot.
    public struct Statistics: Sendable, Equatable {
        public var activeBytes: Int = 0
        public var cachedBytes: Int = 0
        public var peakBytes: Int = 0
        public var allocations: Int = 0
        public var cacheHits: Int = 0
        public var cacheMisses: Int = 0
        public var frees: Int = 0
        public var memoryLimit: Int = 0
        public var cacheLimit: Int = 0
    }

    public let name: String
    private let lock = Lock()
    private var stats = Statistics()
    /// Freed blocks; the smallest fitting class within 2× is reused.
    private var cache = BlockCache()

    /// The device this pool serves, for memory records and errors.
    public let device: Device
    private let allocator: any DeviceAllocator

    init(name: String, device: Device, allocator: any DeviceAllocator, memoryLimit: Int, cacheLimit: Int) {
        self.name = name
        self.device = device
        self.allocator = allocator
        stats.memoryLimit = memoryLimit
        stats.cacheLimit = cacheLimit
    }

    deinit {
        while let (memory, _) = cache.takeOldest() { allocator.free(memory) }
    }

    /// Size classes: tiny requests round to 16 bytes, < 16 KiB to a power of two, else to pages.
    /// Requests above this cannot be rounded to a size class without overflowing.
    static let largestRequest = Int.max / 2

    static func sizeClass(_ bytes: Int) -> Int {
        let n = max(bytes, 1)
        if n <= 16 { return 16 }
        if n < 16 * 1024 { return 1 << (Int.bitWidth - (n - 1).leadingZeroBitCount) }
        let page = 4096
        return (n + page - 1) / page * page
    }

    /// Allocates `bytes`, from the cache when a close size is there. Throws when the memory limit
    /// would be passed even after the cache was emptied once.
    func allocate(_ bytes: Int, op: String) throws(EngineError) -> Buffer {
        guard bytes >= 0, bytes <= Self.largestRequest else {
            throw EngineError(op: op, kind: .outOfMemory, "out of memory on \(name): asked for \(bytes) bytes")
        }
        let size = Self.sizeClass(bytes)
        lock.lock()
        if let (memory, capacity) = cache.take(atLeast: size) {
            stats.cachedBytes = cache.bytes
            stats.cacheHits += 1
            stats.activeBytes += capacity
            stats.allocations += 1
            stats.peakBytes = max(stats.peakBytes, stats.activeBytes)
            let snapshot = stats
            lock.unlock()
            report(.allocate, bytes: capacity, hit: true, snapshot)
            return Buffer(memory: memory, byteCount: bytes, capacity: capacity, pool: self)
        }
        stats.cacheMisses += 1
        if stats.activeBytes + stats.cachedBytes + size > stats.memoryLimit {
            trimCache(to: 0)
        }
        guard stats.activeBytes + size <= stats.memoryLimit else {
            let active = stats.activeBytes
            let limit = stats.memoryLimit
            lock.unlock()
            throw EngineError(
                op: op, kind: .outOfMemory,
                "out of memory on \(name): asked for \(bytes) bytes with \(active) active and a limit of \(limit)")
        }
        stats.activeBytes += size
        stats.allocations += 1
        stats.peakBytes = max(stats.peakBytes, stats.activeBytes)
        lock.unlock()
        // A device may run out before the limit (other processes, fragmentation): empty the cache once and retry.
        var fresh = allocator.allocate(size)
        if fresh == nil {
            clearCache()
            fresh = allocator.allocate(size)
        }
        guard let memory = fresh else {
            lock.lock()
            stats.activeBytes -= size
            stats.allocations -= 1
            lock.unlock()
            throw EngineError(op: op, kind: .outOfMemory, "out of memory on \(name): the device could not allocate \(size) bytes")
        }
        report(.allocate, bytes: size, hit: false, statistics)
        return Buffer(memory: memory, byteCount: bytes, capacity: size, pool: self)
    }

    func release(_ memory: DeviceMemory, capacity: Int) {
        lock.lock()
        stats.activeBytes -= capacity
        stats.frees += 1
        if capacity <= stats.cacheLimit {
            cache.put(memory, size: capacity)
            stats.cachedBytes = cache.bytes
            if stats.cachedBytes > stats.cacheLimit { trimCache(to: stats.cacheLimit) }
            let snapshot = stats
            lock.unlock()
            report(.free, bytes: capacity, hit: false, snapshot)
        } else {
            let snapshot = stats
            lock.unlock()
            allocator.free(memory)
            report(.free, bytes: capacity, hit: false, snapshot)
        }
    }

    private func report(_ kind: MemoryRecord.Kind, bytes: Int, hit: Bool, _ s: Statistics) {
        guard let recorder = Recording.recorder else { return }
        recorder.record(
            .memory(
                MemoryRecord(
                    kind: kind, device: device, bytes: bytes, cacheHit: hit, activeBytes: s.activeBytes,
                    cachedBytes: s.cachedBytes, peakBytes: s.peakBytes, time: EngineClock.now())))
    }

    /// Frees least-recently cached blocks until the cache holds at most `limit` bytes. Caller holds the lock.
    private func trimCache(to limit: Int) {
        while cache.bytes > limit, let (memory, _) = cache.takeOldest() { allocator.free(memory) }
        stats.cachedBytes = cache.bytes
    }

    public var statistics: Statistics {
        lock.lock()
        defer { lock.unlock() }
        return stats
    }

    public func clearCache() {
        lock.lock()
        trimCache(to: 0)
        lock.unlock()
    }

    public func resetPeak() {
        lock.lock()
        stats.peakBytes = stats.activeBytes
        lock.unlock()
    }

    /// Sets the cache limit, returning the previous one (as MLX's `set_cache_limit`).
    @discardableResult
    public func setCacheLimit(_ bytes: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let old = stats.cacheLimit
        stats.cacheLimit = max(0, bytes)
        trimCache(to: stats.cacheLimit)
        return old
    }

    /// Sets the memory limit, returning the previous one.
    @discardableResult
    public func setMemoryLimit(_ bytes: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let old = stats.memoryLimit
        stats.memoryLimit = max(0, bytes)
        return old
    }
}

import Atomics
import Engine
import Glibc

/// A bounded recorder with one ring per recording thread: recording is a thread-local lookup and a
/// ring push, with no lock shared between threads. When a thread's ring is full the oldest event is
/// dropped and counted (`droppedCount` is exact). `drain()` takes everything held without stopping
/// the producers.
///
/// ```swift
/// let buffer = EventBuffer(capacity: 1 << 14)   // per thread
/// Recording.add(buffer)
/// … let events = buffer.drain()
/// ```
public final class EventBuffer: EngineRecorder, @unchecked Sendable {
    /// Events each thread's ring holds.
    public let capacity: Int
    /// nil when the process ran out of thread-specific keys: then one ring under `fallbackLock`.
    private let key: pthread_key_t?
    private let lock = PThreadLock()
    /// Every thread's ring (guarded by `lock`; appended once per thread).
    private var rings: [ThreadRing] = []
    private let fallbackLock = PThreadLock()
    private var fallback: ThreadRing?
    /// Drops of rings already forgotten.
    private var retiredDrops = 0
    private let resetBase = ManagedAtomic<Int>(0)

    public init(capacity: Int = 1 << 14) {
        self.capacity = max(1, capacity)
        var k = pthread_key_t()
        // The destructor runs when a recording thread exits: its ring may then be forgotten once drained.
        let created = pthread_key_create(&k) { value in
            guard let value else { return }
            Unmanaged<ThreadRing>.fromOpaque(value).takeUnretainedValue().ownerExited.store(true, ordering: .releasing)
        }
        key = created == 0 ? k : nil
    }

    deinit {
        if let key { pthread_key_delete(key) }
    }

    public func record(_ event: EngineEvent) {
        guard let key else {
            fallbackLock.withLock {
                if fallback == nil { fallback = newRing() }
                fallback!.push(event)
            }
            return
        }
        if let value = pthread_getspecific(key) {
            Unmanaged<ThreadRing>.fromOpaque(value)._withUnsafeGuaranteedRef { $0.push(event) }
            return
        }
        let ring = newRing()
        pthread_setspecific(key, Unmanaged.passUnretained(ring).toOpaque())
        ring.push(event)
    }

    private func newRing() -> ThreadRing {
        let ring = ThreadRing(capacity: capacity)
        lock.withLock { rings.append(ring) }
        return ring
    }

    /// Takes every event held: per thread oldest first, threads one after another.
    public func drain() -> [EngineEvent] {
        var out: [EngineEvent] = []
        drain(into: &out)
        return out
    }

    /// Appends every event held to `out`; forgets rings of threads that exited once they are empty.
    public func drain(into out: inout [EngineEvent]) {
        let current = lock.withLock { rings }
        for ring in current { ring.drain(into: &out) }
        lock.withLock {
            rings.removeAll { ring in
                guard ring.ownerExited.load(ordering: .acquiring), ring.held == 0 else { return false }
                retiredDrops += ring.dropped
                return true
            }
        }
    }

    /// Events dropped because a ring was full, since creation (or `resetDropped`).
    public var droppedCount: Int {
        lock.withLock { rings.reduce(retiredDrops) { $0 + $1.dropped } } - resetBase.load(ordering: .relaxed)
    }

    /// Restarts `droppedCount` from zero.
    public func resetDropped() {
        let total = lock.withLock { rings.reduce(retiredDrops) { $0 + $1.dropped } }
        resetBase.store(total, ordering: .relaxed)
    }

    /// Threads that have a ring.
    public var threadCount: Int { lock.withLock { rings.count } }
}

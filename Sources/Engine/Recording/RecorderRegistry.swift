import Atomics
import Glibc

/// A set of listeners behind one atomic pointer: the engine's is `Recording.registry`; tests make
/// their own to exercise the rules without touching the process-wide one.
///
/// With nobody listening, reading costs one atomic load. With listeners, a reader announces itself on
/// one of two counters while it loads the immutable list and retains its fan-out; a writer publishes
/// a new list and frees the old one after both counters have drained in turn (sequentially
/// consistent operations on both sides, so a reader either is counted or already sees the new list).
/// Writers are rare (install and remove) and take a lock.
public final class RecorderRegistry: @unchecked Sendable {
    /// The immutable list one publication holds; `fanOut` is what readers get.
    final class Listeners: Sendable {
        let entries: [(token: RecorderToken, recorder: any EngineRecorder)]
        let fanOut: (any EngineRecorder)?

        init(_ entries: [(token: RecorderToken, recorder: any EngineRecorder)]) {
            self.entries = entries
            switch entries.count {
            case 0: fanOut = nil
            case 1: fanOut = entries[0].recorder
            default: fanOut = MultiplexRecorder(entries.map(\.recorder))
            }
        }
    }

    /// The published list, retained once by the registry.
    private let current = ManagedAtomic<Unmanaged<Listeners>?>(nil)
    /// Which of `readers` new readers count themselves on (0 or 1).
    private let epoch = ManagedAtomic<Int>(0)
    private let readers = [ManagedAtomic<Int>(0), ManagedAtomic<Int>(0)]
    private let writers = Lock()
    private var nextToken: UInt64 = 0

    public init() {}

    deinit { current.load(ordering: .acquiring)?.release() }

    /// The current listeners as one recorder (the single listener itself, or a fan-out), nil when none.
    /// Setting it replaces every listener (nil removes them all); earlier tokens then remove nothing.
    public var recorder: (any EngineRecorder)? {
        get {
            // Nobody listens: one load.
            guard current.load(ordering: .acquiring) != nil else { return nil }
            let counter = readers[epoch.load(ordering: .sequentiallyConsistent) & 1]
            counter.wrappingIncrement(ordering: .sequentiallyConsistent)
            defer { counter.wrappingDecrement(ordering: .releasing) }
            guard let list = current.load(ordering: .sequentiallyConsistent) else { return nil }
            return list._withUnsafeGuaranteedRef { $0.fanOut }
        }
        set {
            writers.withLock {
                if let newValue {
                    publish([(newToken(), newValue)])
                } else {
                    publish([])
                }
            }
        }
    }

    /// Whether anyone listens (one atomic load).
    public var isActive: Bool { current.load(ordering: .acquiring) != nil }

    /// Adds a listener beside the others; keep the token to remove it.
    @discardableResult
    public func add(_ recorder: any EngineRecorder) -> RecorderToken {
        writers.withLock {
            let token = newToken()
            publish(entries() + [(token, recorder)])
            return token
        }
    }

    /// Removes the listener `token` names; a token already removed (or replaced by a set) is ignored.
    public func remove(_ token: RecorderToken) {
        writers.withLock {
            let all = entries()
            let kept = all.filter { $0.token != token }
            if kept.count != all.count { publish(kept) }
        }
    }

    /// Listeners now.
    public var count: Int { writers.withLock { entries().count } }

    /// Caller holds `writers`.
    private func newToken() -> RecorderToken {
        nextToken += 1
        return RecorderToken(id: nextToken)
    }

    /// Caller holds `writers`.
    private func entries() -> [(token: RecorderToken, recorder: any EngineRecorder)] {
        current.load(ordering: .relaxed)?.takeUnretainedValue().entries ?? []
    }

    /// Caller holds `writers`.
    private func publish(_ entries: [(token: RecorderToken, recorder: any EngineRecorder)]) {
        let list = entries.isEmpty ? nil : Unmanaged.passRetained(Listeners(entries))
        guard let old = current.exchange(list, ordering: .sequentiallyConsistent) else { return }
        // A reader holding `old` unretained is counted on one of the two counters (perhaps a stale
        // one); a reader counted later sees the new list. So, twice: send new readers to the other
        // counter and wait for this one to empty (as userspace RCU's flip-twice grace period).
        for _ in 0..<2 {
            let draining = epoch.load(ordering: .sequentiallyConsistent) & 1
            epoch.store(draining ^ 1, ordering: .sequentiallyConsistent)
            while readers[draining].load(ordering: .sequentiallyConsistent) != 0 { sched_yield() }
        }
        old.release()
    }
}

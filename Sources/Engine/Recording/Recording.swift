import Atomics

/// Installs the recorders the engine reports to. With none, nothing is recorded and nothing is built.
///
/// Reading is lock-free: the listeners live in an immutable list behind one atomic pointer, so the
/// engine's "is anyone listening" check on every op and allocation is one acquiring load. Read it
/// once per call site and use the value you got:
///
/// ```swift
/// if let recorder = Recording.recorder { recorder.record(.op(record)) }
/// let token = Recording.add(profiler)   // alongside whatever else listens
/// Recording.remove(token)
/// ```
///
/// Changing listeners takes a lock and publishes a new list. A published list is never freed (a
/// reader may still be using it without a reference count), which costs a few dozen bytes per change.
public enum Recording {
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

    private static let current = ManagedAtomic<Unmanaged<Listeners>?>(nil)
    private static let writers = Lock()
    nonisolated(unsafe) private static var nextToken: UInt64 = 0
    /// Every list ever published, kept alive for readers that loaded it without retaining it.
    nonisolated(unsafe) private static var published: [Listeners] = []

    /// The current listeners as one recorder (the single listener itself, or a fan-out), nil when none.
    /// Setting it replaces every listener (nil removes them all); earlier tokens then remove nothing.
    public static var recorder: (any EngineRecorder)? {
        get {
            guard let list = current.load(ordering: .acquiring) else { return nil }
            return list._withUnsafeGuaranteedRef { $0.fanOut }
        }
        set {
            writers.withLock {
                if let newValue {
                    nextToken += 1
                    publish([(RecorderToken(id: nextToken), newValue)])
                } else {
                    publish([])
                }
            }
        }
    }

    /// Whether anyone listens (one atomic load).
    public static var isActive: Bool { current.load(ordering: .acquiring) != nil }

    /// Adds a listener beside the others; keep the token to remove it.
    @discardableResult
    public static func add(_ recorder: any EngineRecorder) -> RecorderToken {
        writers.withLock {
            nextToken += 1
            let token = RecorderToken(id: nextToken)
            publish(entries() + [(token, recorder)])
            return token
        }
    }

    /// Removes the listener `token` names; a token already removed (or replaced by a set) is ignored.
    public static func remove(_ token: RecorderToken) {
        writers.withLock {
            let kept = entries().filter { $0.token != token }
            if kept.count != entries().count { publish(kept) }
        }
    }

    /// Caller holds `writers`.
    private static func entries() -> [(token: RecorderToken, recorder: any EngineRecorder)] {
        current.load(ordering: .relaxed)?.takeUnretainedValue().entries ?? []
    }

    /// Caller holds `writers`.
    private static func publish(_ entries: [(token: RecorderToken, recorder: any EngineRecorder)]) {
        if entries.isEmpty {
            current.store(nil, ordering: .releasing)
            return
        }
        let list = Listeners(entries)
        published.append(list)
        current.store(Unmanaged.passUnretained(list), ordering: .releasing)
    }
}

import Atomics

/// A set of listeners behind one atomic pointer: the engine's is `Recording.registry`; tests make
/// their own to exercise the rules without touching the process-wide one.
///
/// Reading is lock-free: the listeners live in an immutable list, so "is anyone listening" is one
/// acquiring load. Changing listeners takes a lock and publishes a new list. A published list is
/// never freed (a reader may still be using it without a reference count), which costs a few dozen
/// bytes per change.
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

    private let current = ManagedAtomic<Unmanaged<Listeners>?>(nil)
    private let writers = Lock()
    private var nextToken: UInt64 = 0
    /// Every list ever published, kept alive for readers that loaded it without retaining it.
    private var published: [Listeners] = []

    public init() {}

    /// The current listeners as one recorder (the single listener itself, or a fan-out), nil when none.
    /// Setting it replaces every listener (nil removes them all); earlier tokens then remove nothing.
    public var recorder: (any EngineRecorder)? {
        get {
            guard let list = current.load(ordering: .acquiring) else { return nil }
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
        guard !entries.isEmpty else {
            current.store(nil, ordering: .releasing)
            return
        }
        let list = Listeners(entries)
        published.append(list)
        current.store(Unmanaged.passUnretained(list), ordering: .releasing)
    }
}

import Engine
import Foundation

/// A bounded recorder (stub of the per-thread version: filled in next).
public final class EventBuffer: EngineRecorder, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [EngineEvent] = []
    private var dropped = 0
    public let capacity: Int

    public init(capacity: Int = 1 << 14) { self.capacity = max(1, capacity) }

    public func record(_ event: EngineEvent) {
        lock.lock()
        if events.count == capacity { events.removeFirst(); dropped += 1 }
        events.append(event)
        lock.unlock()
    }

    /// Takes every event held, oldest first per thread.
    public func drain() -> [EngineEvent] {
        lock.lock()
        defer { lock.unlock() }
        let taken = events
        events = []
        return taken
    }

    public var droppedCount: Int { lock.lock(); defer { lock.unlock() }; return dropped }

    func resetDropped() { lock.lock(); dropped = 0; lock.unlock() }
}

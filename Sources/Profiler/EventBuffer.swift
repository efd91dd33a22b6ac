import Engine
import Foundation

/// A bounded recorder: keeps the newest `capacity` events and counts what it dropped, so a long
/// run never grows memory. Appends take one short pthread lock (no allocation once full).
public final class EventBuffer: EngineRecorder, @unchecked Sendable {
    private let lock = NSLock()
    private var ring: [EngineEvent?]
    private var next = 0
    private var stored = 0
    private var dropped = 0
    public let capacity: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(1, capacity)
        ring = Array(repeating: nil, count: self.capacity)
    }

    public func record(_ event: EngineEvent) {
        lock.lock()
        ring[next] = event
        next = (next + 1) % capacity
        if stored == capacity { dropped += 1 } else { stored += 1 }
        lock.unlock()
    }

    /// The retained events, oldest first.
    public func snapshot() -> [EngineEvent] {
        lock.lock()
        defer { lock.unlock() }
        let start = (next - stored + capacity) % capacity
        return (0..<stored).compactMap { ring[(start + $0) % capacity] }
    }

    public var droppedCount: Int { lock.lock(); defer { lock.unlock() }; return dropped }
}

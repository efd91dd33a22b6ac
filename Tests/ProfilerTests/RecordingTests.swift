import Engine
import Foundation
import Testing

/// Counts events (thread-safe) so tests can see which listeners received what.
final class CountingRecorder: EngineRecorder, @unchecked Sendable {
    private let lock = NSLock()
    private var seen = 0
    func record(_ event: EngineEvent) { lock.lock(); seen += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return seen }
}

/// The registry's rules, on registries of their own (the process-wide one is shared with other suites).
struct RecordingTests {
    func event(_ id: Int) -> EngineEvent {
        .memory(
            MemoryRecord(
                kind: .allocate, device: .cpu, bytes: id, cacheHit: false, activeBytes: 0, cachedBytes: 0, peakBytes: 0,
                time: UInt64(id)))
    }

    @Test("add and remove fan events out to exactly the current listeners")
    func fanOut() {
        let registry = RecorderRegistry()
        #expect(registry.recorder == nil)
        #expect(!registry.isActive)
        let a = CountingRecorder()
        let b = CountingRecorder()
        let ta = registry.add(a)
        #expect(registry.recorder === a)
        registry.recorder?.record(event(1))
        let tb = registry.add(b)
        #expect(registry.count == 2)
        registry.recorder?.record(event(2))
        registry.recorder?.record(event(3))
        registry.remove(ta)
        registry.recorder?.record(event(4))
        registry.remove(ta)  // stale: ignored
        #expect(a.count == 3)
        #expect(b.count == 3)
        #expect(registry.recorder === b)
        registry.remove(tb)
        #expect(registry.recorder == nil)
        #expect(!registry.isActive)
    }

    @Test("setting recorder replaces every listener; old tokens then remove nothing")
    func setReplaces() {
        let registry = RecorderRegistry()
        let a = CountingRecorder()
        let b = CountingRecorder()
        let ta = registry.add(a)
        registry.recorder = b
        registry.remove(ta)
        #expect(registry.recorder === b)
        registry.recorder?.record(event(1))
        #expect(a.count == 0 && b.count == 1)
        registry.recorder = nil
        #expect(!registry.isActive)
    }

    @Test("readers on 4 threads while listeners change: every read sees a whole list")
    func concurrentReadersAndWriters() async {
        let registry = RecorderRegistry()
        let stable = CountingRecorder()
        registry.add(stable)
        let perThread = 20_000
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for i in 0..<perThread { registry.recorder?.record(self.event(i)) }
                }
            }
            group.addTask {
                for _ in 0..<500 {
                    let t = registry.add(CountingRecorder())
                    registry.remove(t)
                }
            }
        }
        // The stable listener was in every published list, so it saw every event.
        #expect(stable.count == 4 * perThread)
        #expect(registry.count == 1)
    }
}

/// Frees itself observably: a registry must release recorders it no longer lists.
final class DeinitFlag: EngineRecorder, @unchecked Sendable {
    let onDeinit: @Sendable () -> Void
    init(_ onDeinit: @escaping @Sendable () -> Void) { self.onDeinit = onDeinit }
    deinit { onDeinit() }
    func record(_ event: EngineEvent) {}
}

struct RecordingLifetimeTests {
    @Test("a removed (or replaced) recorder is released")
    func releasesRemovedRecorders() {
        let registry = RecorderRegistry()
        let freed = NSLock()
        nonisolated(unsafe) var count = 0
        do {
            let token = registry.add(DeinitFlag { freed.lock(); count += 1; freed.unlock() })
            registry.add(CountingRecorder())
            registry.remove(token)
            registry.recorder = DeinitFlag { freed.lock(); count += 1; freed.unlock() }
            registry.recorder = nil
        }
        freed.lock()
        #expect(count == 2)
        freed.unlock()
    }
}

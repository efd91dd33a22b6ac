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

/// `Recording` is process-global: every test that installs recorders runs in this one serialized suite.
@Suite(.serialized)
struct RecordingTests {
    func event(_ id: Int) -> EngineEvent {
        .memory(
            MemoryRecord(
                kind: .allocate, device: .cpu, bytes: id, cacheHit: false, activeBytes: 0, cachedBytes: 0, peakBytes: 0,
                time: UInt64(id)))
    }

    @Test("add and remove fan events out to exactly the current listeners")
    func fanOut() {
        Recording.recorder = nil
        #expect(Recording.recorder == nil)
        #expect(!Recording.isActive)
        let a = CountingRecorder()
        let b = CountingRecorder()
        let ta = Recording.add(a)
        Recording.recorder?.record(event(1))
        let tb = Recording.add(b)
        Recording.recorder?.record(event(2))
        Recording.recorder?.record(event(3))
        Recording.remove(ta)
        Recording.recorder?.record(event(4))
        Recording.remove(ta)  // stale: ignored
        #expect(a.count == 3)
        #expect(b.count == 3)
        #expect(Recording.recorder === b)
        Recording.remove(tb)
        #expect(Recording.recorder == nil)
    }

    @Test("setting recorder replaces every listener; old tokens then remove nothing")
    func setReplaces() {
        let a = CountingRecorder()
        let b = CountingRecorder()
        let ta = Recording.add(a)
        Recording.recorder = b
        Recording.remove(ta)
        #expect(Recording.recorder === b)
        Recording.recorder?.record(event(1))
        #expect(a.count == 0 && b.count == 1)
        Recording.recorder = nil
        #expect(!Recording.isActive)
    }
}

import Engine
import Foundation
import Testing

@testable import Profiler

/// The per-thread rings: nothing lost or torn, drops counted exactly, oldest dropped first.
struct EventBufferTests {
    /// An op whose every field derives from (thread, seq), so a torn event shows as a mismatch.
    static func stamped(thread: Int, seq: Int) -> EngineEvent {
        let check = thread &* 1_000_003 &+ seq &* 7
        return .op(
            OpRecord(
                nodeID: seq, name: "t\(thread)", inputIDs: [thread, seq, check], streamIndex: thread,
                streamName: "thread \(thread) seq \(seq)", device: .cpu, shape: [seq % 13, thread], dtype: .float32,
                bytes: check, flops: seq ^ thread, dispatched: UInt64(seq), started: UInt64(seq), finished: UInt64(seq) + 1))
    }

    /// Decodes and checks one event; returns (thread, seq) or nil when any field disagrees.
    static func verify(_ event: EngineEvent) -> (thread: Int, seq: Int)? {
        guard case .op(let r) = event else { return nil }
        let thread = r.streamIndex
        let seq = r.nodeID
        let check = thread &* 1_000_003 &+ seq &* 7
        let whole =
            r.name == "t\(thread)" && r.inputIDs == [thread, seq, check] && r.streamName == "thread \(thread) seq \(seq)"
            && r.shape == [seq % 13, thread] && r.bytes == check && r.flops == seq ^ thread && r.started == UInt64(seq)
            && r.finished == UInt64(seq) + 1
        return whole ? (thread, seq) : nil
    }

    @Test("a full ring drops the oldest and counts every drop")
    func dropOldest() {
        let buffer = EventBuffer(capacity: 100)
        for seq in 0..<250 { buffer.record(Self.stamped(thread: 0, seq: seq)) }
        #expect(buffer.droppedCount == 150)
        let kept = buffer.drain().compactMap(Self.verify)
        #expect(kept.map(\.seq) == Array(150..<250))
        #expect(buffer.drain().isEmpty)
        for seq in 250..<260 { buffer.record(Self.stamped(thread: 0, seq: seq)) }
        #expect(buffer.drain().compactMap(Self.verify).map(\.seq) == Array(250..<260))
        #expect(buffer.droppedCount == 150)
        buffer.resetDropped()
        #expect(buffer.droppedCount == 0)
    }

    @Test("4 threads at full speed with a draining consumer: nothing lost, duplicated or torn", arguments: [64, 4096])
    func concurrentProducers(capacity: Int) throws {
        let buffer = EventBuffer(capacity: capacity)
        let perThread = 50_000
        let threads = 4
        let finished = DispatchGroup()
        for thread in 0..<threads {
            finished.enter()
            Thread {
                for seq in 0..<perThread { buffer.record(Self.stamped(thread: thread, seq: seq)) }
                finished.leave()
            }.start()
        }
        var drained: [EngineEvent] = []
        while finished.wait(timeout: .now()) == .timedOut { buffer.drain(into: &drained) }
        buffer.drain(into: &drained)

        var lastSeq = [Int](repeating: -1, count: threads)
        var received = [Int](repeating: 0, count: threads)
        var torn = 0
        var outOfOrder = 0
        for event in drained {
            guard let (thread, seq) = Self.verify(event), thread < threads else {
                torn += 1
                continue
            }
            // Per thread, events arrive oldest first and never twice.
            if seq <= lastSeq[thread] { outOfOrder += 1 }
            lastSeq[thread] = seq
            received[thread] += 1
        }
        #expect(torn == 0)
        #expect(outOfOrder == 0)
        // Every event was either drained or counted as dropped.
        #expect(received.reduce(0, +) + buffer.droppedCount == threads * perThread)
        #expect(received.allSatisfy { $0 > 0 })
    }

    @Test("without a consumer each thread keeps exactly its newest `capacity` events")
    func exactDropsPerThread() {
        let buffer = EventBuffer(capacity: 1000)
        let finished = DispatchGroup()
        let counts = [1500, 999, 1000, 5000]
        for (thread, n) in counts.enumerated() {
            finished.enter()
            Thread {
                for seq in 0..<n { buffer.record(Self.stamped(thread: thread, seq: seq)) }
                finished.leave()
            }.start()
        }
        finished.wait()
        let kept = buffer.drain().compactMap(Self.verify)
        #expect(buffer.droppedCount == counts.reduce(0) { $0 + max(0, $1 - 1000) })
        for (thread, n) in counts.enumerated() {
            #expect(kept.filter { $0.thread == thread }.map(\.seq) == Array(max(0, n - 1000)..<n))
        }
    }

    @Test("rings of threads that exited are forgotten once drained; their drops still count")
    func exitedThreads() {
        let buffer = EventBuffer(capacity: 10)
        let finished = DispatchGroup()
        finished.enter()
        Thread {
            for seq in 0..<25 { buffer.record(Self.stamped(thread: 1, seq: seq)) }
            finished.leave()
        }.start()
        finished.wait()
        usleep(20_000)  // let the thread's key destructor run
        #expect(buffer.drain().count == 10)
        #expect(buffer.threadCount == 0)
        #expect(buffer.droppedCount == 15)
    }
}

import Atomics
import Engine

/// A bounded ring with one producer (the thread that owns it) and any consumer, no lock on either side.
///
/// Sequence numbers grow forever; seq `s` lives in slot `s % capacity`, whose state says what the slot
/// holds: `2s` = empty and writable for seq `s`, `2s + 1` = holds seq `s`. Whoever wins the
/// compare-exchange on `head` for seq `s` owns that slot: the consumer moves the event out, or a
/// producer that finds the ring full discards it (drop-oldest) and reuses the slot. If the consumer is
/// still moving an event out of the very slot the producer needs, the producer polls briefly and then
/// discards its new event rather than wait. Every discarded event is counted, so `pushed == taken + dropped + held`.
final class ThreadRing: @unchecked Sendable {
    let capacity: Int
    /// Initialised exactly where the state says the slot holds an event.
    private let slots: UnsafeMutablePointer<EngineEvent>
    private let states: UnsafeMutablePointer<UInt64.AtomicRepresentation>
    // Unsafe atomics on storage of our own: they inline fully (the managed ones cost a call per access).
    private let head = UnsafeAtomic<UInt64>.create(0)
    private let tail = UnsafeAtomic<UInt64>.create(0)
    private let droppedCount = UnsafeAtomic<Int>.create(0)
    /// Producer-only copy of `tail`.
    private var nextSeq: UInt64 = 0
    /// Set when the owning thread exits; an empty exited ring can be forgotten.
    let ownerExited = ManagedAtomic<Bool>(false)

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        slots = .allocate(capacity: self.capacity)
        states = .allocate(capacity: self.capacity)
        for i in 0..<self.capacity { (states + i).initialize(to: .init(UInt64(2 * i))) }
    }

    deinit {
        let first = head.load(ordering: .acquiring)
        let end = tail.load(ordering: .acquiring)
        for seq in first..<end { (slots + Int(seq % UInt64(capacity))).deinitialize(count: 1) }
        slots.deallocate()
        head.destroy()
        tail.destroy()
        droppedCount.destroy()
        for i in 0..<capacity { _ = (states + i).move().dispose() }
        states.deallocate()
    }

    @inline(__always) private func state(_ i: Int) -> UnsafeAtomic<UInt64> { UnsafeAtomic(at: states + i) }

    var dropped: Int { droppedCount.load(ordering: .relaxed) }

    /// Events pushed and not yet taken or dropped (a moment's view).
    var held: Int { Int(tail.load(ordering: .acquiring) &- head.load(ordering: .acquiring)) }

    /// Producer side: only the owning thread calls this.
    func push(_ event: EngineEvent) {
        let seq = nextSeq
        let cap = UInt64(capacity)
        while true {
            let oldest = head.load(ordering: .acquiring)
            if seq &- oldest >= cap {
                // Full: take the oldest (it sits in the slot we need) and overwrite it.
                guard head.compareExchange(expected: oldest, desired: oldest &+ 1, ordering: .acquiringAndReleasing).exchanged
                else { continue }
                let i = Int(oldest % cap)
                (slots + i).pointee = event  // the oldest event is released here
                droppedCount.wrappingIncrement(ordering: .relaxed)
                publish(seq, slot: i)
                return
            }
            let i = Int(seq % cap)
            guard writable(i, for: seq) else {
                // The consumer is still moving seq - capacity out of this slot: drop the new event.
                droppedCount.wrappingIncrement(ordering: .relaxed)
                return
            }
            (slots + i).initialize(to: event)
            publish(seq, slot: i)
            return
        }
    }

    /// Whether slot `i` is free for `seq`, allowing the consumer a few hundred polls to finish moving
    /// the slot's previous event out (a bounded wait: a preempted consumer costs a dropped event, never a stall).
    @inline(__always) private func writable(_ i: Int, for seq: UInt64) -> Bool {
        for _ in 0..<512 where state(i).load(ordering: .acquiring) == 2 &* seq { return true }
        return false
    }

    @inline(__always) private func publish(_ seq: UInt64, slot i: Int) {
        state(i).store(2 &* seq &+ 1, ordering: .releasing)
        nextSeq = seq &+ 1
        tail.store(seq &+ 1, ordering: .releasing)
    }

    /// Consumer side: moves out up to `limit` events, oldest first, never waiting for the producer.
    /// Several consumers may call it at once (each gets different events).
    func drain(into out: inout [EngineEvent], limit: Int = .max) {
        var remaining = limit
        while remaining > 0 {
            let first = head.load(ordering: .acquiring)
            let end = tail.load(ordering: .acquiring)
            guard end &- first > 0 else { return }
            // The producer dropped the oldest between the two loads: read again.
            guard end &- first <= UInt64(capacity) else { continue }
            let n = min(UInt64(remaining), end &- first, 64)
            guard head.compareExchange(expected: first, desired: first &+ n, ordering: .acquiringAndReleasing).exchanged
            else { continue }
            let cap = UInt64(capacity)
            for seq in first..<(first &+ n) {
                let i = Int(seq % cap)
                // Published before `tail` moved past it, and no one else owns it now.
                out.append((slots + i).move())
                state(i).store(2 &* (seq &+ cap), ordering: .releasing)
            }
            remaining -= Int(n)
        }
    }
}

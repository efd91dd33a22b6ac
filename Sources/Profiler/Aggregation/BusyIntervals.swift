import DequeModule

/// The union of one stream's op spans over the recent past, for "% busy over the last w".
///
/// Spans are merged into disjoint intervals sorted by start, each carrying the busy time covered
/// before it (a running prefix sum), so the busy time in any window ending now is two lookups.
/// Spans arrive nearly in order; one that overlaps earlier intervals is merged into them.
struct BusyIntervals {
    private struct Interval {
        var start: UInt64
        var end: UInt64
        /// Busy nanoseconds in all earlier intervals, including ones already evicted.
        var before: UInt64
    }

    private var intervals = Deque<Interval>()
    /// Busy nanoseconds ever covered (union).
    private(set) var total: UInt64 = 0
    /// The earliest start ever seen.
    private(set) var firstStart: UInt64?
    let limit: Int

    init(limit: Int) { self.limit = max(16, limit) }

    mutating func add(start: UInt64, end: UInt64) {
        guard end > start else { return }
        firstStart = Swift.min(firstStart ?? start, start)
        // The common case: after everything so far.
        if intervals.last.map({ $0.end < start }) ?? true {
            intervals.append(Interval(start: start, end: end, before: total))
            total += end - start
            if intervals.count > limit { intervals.removeFirst() }
            return
        }
        // Find the first interval that touches or follows [start, end], scanning back from the end.
        var first = intervals.count
        while first > 0, intervals[first - 1].end >= start { first -= 1 }
        var last = first  // one past the last interval merged
        var newStart = start
        var newEnd = end
        while last < intervals.count, intervals[last].start <= end {
            newStart = Swift.min(newStart, intervals[last].start)
            newEnd = Swift.max(newEnd, intervals[last].end)
            last += 1
        }
        let before = first > 0 ? intervals[first - 1].before + (intervals[first - 1].end - intervals[first - 1].start) : (intervals.first?.before ?? 0)
        let replaced = Interval(start: newStart, end: newEnd, before: before)
        if last - first == 1 {
            intervals[first] = replaced
        } else {
            intervals.replaceSubrange(first..<last, with: CollectionOfOne(replaced))
        }
        // Recompute prefix sums after the change (usually nothing follows).
        var running = before + (newEnd - newStart)
        var i = first + 1
        while i < intervals.count {
            intervals[i].before = running
            running += intervals[i].end - intervals[i].start
            i += 1
        }
        total = running
        if intervals.count > limit { intervals.removeFirst(intervals.count - limit) }
    }

    /// Busy nanoseconds covered at or before `time`.
    func covered(before time: UInt64) -> UInt64 {
        // Last interval with start <= time.
        var low = 0
        var high = intervals.count
        while low < high {
            let mid = (low + high) / 2
            if intervals[mid].start <= time { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return intervals.first?.before ?? 0 }
        let interval = intervals[low - 1]
        return interval.before + (Swift.min(time, interval.end) - interval.start)
    }

    /// Busy fraction (0…1) of [from, to].
    func fraction(from: UInt64, to: UInt64) -> Double {
        guard to > from else { return 0 }
        let busy = covered(before: to) &- covered(before: from)
        return Swift.min(1, Double(busy) / Double(to - from))
    }

    /// Forgets intervals that ended before `time` (their busy time stays in the prefix sums).
    mutating func evict(before time: UInt64) {
        while let first = intervals.first, first.end < time, intervals.count > 1 { intervals.removeFirst() }
    }
}

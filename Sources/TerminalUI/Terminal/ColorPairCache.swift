/// Colour pairs keyed by (foreground, background) curses colour numbers. A pair is defined
/// once and reused for every cell with that combination (allocating one per draw, as TermKit
/// does, runs out of pairs within seconds).
struct ColorPairCache {
    struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// `COLOR_PAIRS`: pairs 1..<capacity are ours, 0 is the terminal default pair.
    let capacity: Int
    private(set) var pairs: [Key: Int32] = [:]
    private var next: Int32 = 1
    /// Number of lookups that could not get a pair because all were taken.
    private(set) var misses = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    var count: Int { pairs.count }

    /// The pair for (fg, bg), defining it through `define` on first use. Returns 0 (default
    /// colours) when pairs are exhausted or the definition fails; the caller may `reset()`
    /// and repaint to recover.
    mutating func pair(
        foreground: Int32, background: Int32, define: (Int32, Int32, Int32) -> Bool
    ) -> Int32 {
        if foreground == -1 && background == -1 { return 0 }
        let key = Key(foreground: foreground, background: background)
        if let existing = pairs[key] { return existing }
        guard Int(next) < capacity, define(next, foreground, background) else {
            misses += 1
            return 0
        }
        pairs[key] = next
        next += 1
        return next - 1
    }

    /// Forgets every pair (their numbers are reused from 1). Cells already on screen keep
    /// their old pair numbers, so a full repaint must follow.
    mutating func reset() {
        pairs.removeAll(keepingCapacity: true)
        next = 1
        misses = 0
    }
}

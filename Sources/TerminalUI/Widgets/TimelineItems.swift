/// An interval on one lane of a `TimelineLanes`, e.g. an op running on a stream.
public struct TimelineSpan: Hashable, Sendable {
    public var lane: Int
    /// Start and end in the same units as the timeline window; the span is [start, end).
    public var start: Double
    public var end: Double
    public var label: String
    public var style: Style

    public init(lane: Int, start: Double, end: Double, label: String = "", style: Style) {
        self.lane = lane
        self.start = start
        self.end = end
        self.label = label
        self.style = style
    }
}

/// A glyph at an instant on a lane (a wait, a sync point).
public struct TimelineMarker: Hashable, Sendable {
    public var lane: Int
    public var time: Double
    public var glyph: String
    public var style: Style

    public init(lane: Int, time: Double, glyph: String = "◆", style: Style) {
        self.lane = lane
        self.time = time
        self.glyph = glyph
        self.style = style
    }
}

/// A dependency from (fromLane, fromTime) to (toLane, toTime), e.g. an event one stream
/// waits on.
public struct TimelineArrow: Hashable, Sendable {
    public var fromLane: Int
    public var fromTime: Double
    public var toLane: Int
    public var toTime: Double
    public var style: Style

    public init(fromLane: Int, fromTime: Double, toLane: Int, toTime: Double, style: Style) {
        self.fromLane = fromLane
        self.fromTime = fromTime
        self.toLane = toLane
        self.toTime = toTime
        self.style = style
    }
}

/// Maps times in [t0, t1) to `columns` columns: column = ⌊(t − t0) / (t1 − t0) × columns⌋.
public struct TimeScale: Hashable, Sendable {
    public var t0: Double
    public var t1: Double
    public var columns: Int

    public init(t0: Double, t1: Double, columns: Int) {
        self.t0 = t0
        self.t1 = t1 > t0 ? t1 : t0 + 1
        self.columns = max(0, columns)
    }

    /// The column containing `t`, clamped to −1…columns so that times far outside the
    /// window (or not finite) cannot produce huge loops or overflow; NaN maps to −1.
    public func column(_ t: Double) -> Int {
        let exact = ((t - t0) / (t1 - t0) * Double(columns)).rounded(.down)
        guard exact >= -1 else { return -1 }
        return exact < Double(columns) ? Int(exact) : columns
    }

    /// Columns covered by [start, end), clipped to the window; at least one column for a
    /// span that overlaps the window at all, so short ops never vanish. Nil when outside.
    public func columns(start: Double, end: Double) -> Range<Int>? {
        guard end > t0, start < t1, end >= start, columns > 0 else { return nil }
        let first = max(0, column(max(start, t0)))
        let exactEnd = (min(end, t1) - t0) / (t1 - t0) * Double(columns)
        let last = min(columns, max(first + 1, Int(exactEnd.rounded(.up))))
        return first..<last
    }
}

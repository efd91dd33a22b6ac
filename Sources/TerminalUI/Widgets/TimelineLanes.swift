/// Named horizontal lanes with spans, markers and dependency arrows over a time window,
/// like the stream rows of Nsight Systems or Perfetto, in character cells.
///
/// Lane i sits on row `i × (1 + laneSpacing)` of the area (after `firstLane`); the rows in
/// between are where arrows run, so they cross other lanes as little as possible.
public struct TimelineLanes: Widget {
    public var lanes: [String]
    public var spans: [TimelineSpan]
    public var markers: [TimelineMarker]
    public var arrows: [TimelineArrow]
    /// The visible window [t0, t1).
    public var t0: Double
    public var t1: Double
    /// Width of the lane-name column; nil fits the longest name (up to a quarter of the area).
    public var labelWidth: Int?
    /// Empty rows between lanes.
    public var laneSpacing: Int
    /// First lane shown (vertical scrolling).
    public var firstLane: Int
    public var labelStyle: Style
    public var backgroundStyle: Style
    /// A time axis on the first row, above the lanes (nil for none).
    public var ruler: TimeRuler?

    public init(
        lanes: [String], spans: [TimelineSpan] = [], markers: [TimelineMarker] = [],
        arrows: [TimelineArrow] = [], t0: Double, t1: Double, labelWidth: Int? = nil, laneSpacing: Int = 1,
        firstLane: Int = 0, labelStyle: Style = .plain, backgroundStyle: Style = .plain, ruler: TimeRuler? = nil
    ) {
        self.lanes = lanes
        self.spans = spans
        self.markers = markers
        self.arrows = arrows
        self.t0 = t0
        self.t1 = t1
        self.labelWidth = labelWidth
        self.laneSpacing = laneSpacing
        self.firstLane = firstLane
        self.labelStyle = labelStyle
        self.backgroundStyle = backgroundStyle
        self.ruler = ruler
    }

    /// Where things go for a given area; exposed so panels can hit-test mouse clicks.
    public struct Geometry: Hashable, Sendable {
        public var labels: Rect
        public var plot: Rect
        public var scale: TimeScale
        public var laneStride: Int
        public var firstLane: Int

        /// Screen row of `lane`, or nil when scrolled out of view.
        public func row(of lane: Int) -> Int? {
            guard lane >= firstLane else { return nil }
            let y = plot.y + (lane - firstLane) * laneStride
            return y < plot.maxY ? y : nil
        }

        /// Screen column of time `t` (may be outside the plot).
        public func x(of t: Double) -> Int { plot.x + scale.column(t) }

        /// The lane drawn on screen row `y` (for mouse clicks), or nil for gap rows.
        public func lane(atY y: Int) -> Int? {
            guard y >= plot.y, y < plot.maxY, (y - plot.y) % laneStride == 0 else { return nil }
            return firstLane + (y - plot.y) / laneStride
        }

        /// The time at the left edge of screen column `x`, or nil outside the plot.
        public func time(atX x: Int) -> Double? {
            guard x >= plot.x, x < plot.maxX else { return nil }
            return scale.t0 + Double(x - plot.x) / Double(scale.columns) * (scale.t1 - scale.t0)
        }
    }

    public func geometry(for area: Rect) -> Geometry {
        let longest = lanes.map { CharacterWidth.of($0) }.max() ?? 0
        let nameWidth = min(labelWidth ?? min(longest, area.width / 4), max(0, area.width - 2))
        let labels = Rect(x: area.x, y: area.y, width: nameWidth, height: area.height)
        let plot = area.inset(top: ruler == nil ? 0 : 1, left: nameWidth + (nameWidth > 0 ? 1 : 0))
        return Geometry(labels: labels, plot: plot, scale: TimeScale(t0: t0, t1: t1, columns: plot.width),
                        laneStride: 1 + max(0, laneSpacing), firstLane: max(0, firstLane))
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let g = geometry(for: area)
        canvas.fill(area, style: backgroundStyle)
        if var ruler {
            (ruler.t0, ruler.t1) = (t0, t1)  // the ruler always shows the lanes' window
            ruler.render(into: &canvas, area: Rect(x: g.plot.x, y: area.y, width: g.plot.width, height: 1))
        }
        for (lane, name) in lanes.enumerated() {
            guard let y = g.row(of: lane), g.labels.width > 0 else { continue }
            canvas.put(TextMeasure.truncate(name, to: g.labels.width), x: g.labels.x, y: y, style: labelStyle,
                       clip: g.labels)
        }
        var labelCells = Set<Point>()
        // Drawn by start time so a later span (or a nested one) is never hidden by an earlier.
        let order = spans.indices.sorted { (spans[$0].start, $0) < (spans[$1].start, $1) }
        let nextStarts = nextSpanColumns(geometry: g)
        for i in order {
            drawSpan(spans[i], labelLimit: nextStarts[i], geometry: g, labelCells: &labelCells, into: &canvas)
        }
        let router = ArrowRouter(geometry: g, avoid: labelCells)
        for arrow in arrows { router.draw(arrow, into: &canvas) }
        for marker in markers {
            guard let y = g.row(of: marker.lane), marker.time >= t0, marker.time < t1 else { continue }
            canvas.put(marker.glyph, x: g.x(of: marker.time), y: y, style: marker.style, clip: g.plot)
        }
    }

    /// For each span, the plot column where the next span on its lane starts (or Int.max):
    /// neighbours share a column when a boundary falls inside a cell, and a label must end
    /// before that column or it would be cut without its "…".
    private func nextSpanColumns(geometry g: Geometry) -> [Int] {
        var result = Array(repeating: Int.max, count: spans.count)
        let order = spans.indices.sorted { (spans[$0].lane, spans[$0].start) < (spans[$1].lane, spans[$1].start) }
        for (a, b) in zip(order, order.dropFirst()) where spans[a].lane == spans[b].lane {
            if let next = g.scale.columns(start: spans[b].start, end: spans[b].end) { result[a] = next.lowerBound }
        }
        return result
    }

    /// Fills the span's columns and writes its label inside when there is room: whole if it
    /// fits, cut with "…" if at least four columns are available, otherwise not at all.
    private func drawSpan(_ span: TimelineSpan, labelLimit: Int, geometry g: Geometry, labelCells: inout Set<Point>,
                          into canvas: inout Canvas) {
        guard let y = g.row(of: span.lane), let columns = g.scale.columns(start: span.start, end: span.end)
        else { return }
        let rect = Rect(x: g.plot.x + columns.lowerBound, y: y, width: columns.count, height: 1)
        canvas.fill(rect, style: span.style)
        guard !span.label.isEmpty else { return }
        let room = min(rect.width, max(0, labelLimit - columns.lowerBound))
        let fits = CharacterWidth.of(span.label) <= room
        guard fits || room >= 4 else { return }
        let text = TextMeasure.truncate(span.label, to: room)
        let written = canvas.put(text, x: rect.x, y: y, style: span.style, clip: rect.intersection(g.plot))
        for x in rect.x..<(rect.x + written) { labelCells.insert(Point(x: x, y: y)) }
    }
}

/// A cell position, for sets of occupied cells.
struct Point: Hashable, Sendable {
    var x: Int
    var y: Int
}

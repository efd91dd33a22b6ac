import TerminalUI

/// Where the frozen view's cursor is: a lane (index into the model's lanes) and a time.
public struct TimelineCursor: Hashable, Sendable {
    public var lane: Int
    public var time: Double

    public init(lane: Int, time: Double) {
        self.lane = lane
        self.time = time
    }
}

/// Lanes per stream grouped by device (CPU streams, then each GPU's), ops as spans coloured by
/// op or device, transfers and waits in their own colours, cross-stream arrows, a time ruler.
/// When a cursor is given (the frozen view) its column is highlighted and the bottom row
/// describes the op under it.
public struct TimelinePanel: Widget {
    public var model: TimelineModel
    public var viewport: TimelineViewport
    public var colorByDevice: Bool
    public var cursor: TimelineCursor?
    public var palette: DashboardPalette

    public init(model: TimelineModel, viewport: TimelineViewport, colorByDevice: Bool = false,
                cursor: TimelineCursor? = nil, palette: DashboardPalette) {
        self.model = model
        self.viewport = viewport
        self.colorByDevice = colorByDevice
        self.cursor = cursor
        self.palette = palette
    }

    /// Model lane indices in display order: by device, then stream index.
    public var laneOrder: [Int] {
        model.lanes.indices.sorted {
            (model.lanes[$0].device, model.lanes[$0].streamIndex, $0)
                < (model.lanes[$1].device, model.lanes[$1].streamIndex, $1)
        }
    }

    /// The widget that draws the lanes, and the area it takes (the info row is below it).
    public func lanesWidget(for area: Rect) -> (widget: TimelineLanes, area: Rect) {
        let order = laneOrder
        var row = [Int](repeating: 0, count: model.lanes.count)
        for (position, lane) in order.enumerated() { row[lane] = position }
        let (t0, t1) = viewport.range(now: model.now)
        let theme = palette.theme
        let names = order.map { laneName(device: model.lanes[$0].device, stream: model.lanes[$0].name) }
        var spans: [TimelineSpan] = []
        spans.reserveCapacity(model.spans.count + model.waits.count)
        for wait in model.waits where wait.end > t0 && wait.start < t1 && row.indices.contains(wait.lane) {
            spans.append(TimelineSpan(lane: row[wait.lane], start: wait.start, end: wait.end, label: "wait",
                                      style: palette.waitStyle))
        }
        let infoRows = cursor == nil ? 0 : 1
        let lanesArea = area.inset(bottom: infoRows)
        let columnTime = (t1 - t0) / Double(max(1, lanesArea.width - min(names.map(\.count).max() ?? 0, max(8, area.width / 5)) - 1))
        for run in Self.runs(model.spans, t0: t0, t1: t1, gap: columnTime) where row.indices.contains(run.span.lane) {
            let span = run.span
            let device = model.lanes[span.lane].device.kind
            let style = span.kind == .transfer ? palette.transferStyle
                : palette.spanStyle(device: device, name: span.name, byDevice: colorByDevice)
            spans.append(TimelineSpan(lane: row[span.lane], start: span.start, end: span.end,
                                      label: run.count > 1 ? "\(span.name) ×\(run.count)" : span.name, style: style))
        }
        let arrows = model.dependencies.compactMap { d -> TimelineArrow? in
            guard row.indices.contains(d.fromLane), row.indices.contains(d.toLane),
                  d.toTime >= t0, d.fromTime < t1 else { return nil }
            return TimelineArrow(fromLane: row[d.fromLane], fromTime: d.fromTime, toLane: row[d.toLane],
                                 toTime: d.toTime, style: palette.arrowStyle)
        }
        let markers = model.waits.compactMap { w -> TimelineMarker? in
            guard row.indices.contains(w.lane) else { return nil }
            return TimelineMarker(lane: row[w.lane], time: w.end, glyph: "◆", style: palette.markerStyle)
        }
        // Gap rows between lanes carry the arrows; without room for them, lanes touch.
        let spacing = lanesArea.height - 1 >= order.count * 2 - 1 ? 1 : 0
        let widget = TimelineLanes(
            lanes: names, spans: spans, markers: markers, arrows: arrows, t0: t0, t1: t1,
            labelWidth: min(names.map(\.count).max() ?? 0, max(8, area.width / 5)), laneSpacing: spacing,
            labelStyle: theme.inactiveStyle, backgroundStyle: theme.baseStyle,
            ruler: Self.ruler(t0: t0, t1: t1, columns: lanesArea.width, style: theme.inactiveStyle))
        return (widget, lanesArea)
    }

    /// A ruler whose labels carry as many decimals as its tick spacing needs.
    static func ruler(t0: Double, t1: Double, columns: Int, style: Style) -> TimeRuler {
        let probe = TimeRuler(t0: t0, t1: t1, minimumSpacing: 12)
        let step = probe.step(columns: max(1, columns * 4 / 5)) ?? (t1 - t0)
        return TimeRuler(t0: t0, t1: t1, style: style, minimumSpacing: 12,
                         format: { Format.tick($0, resolution: step) })
    }

    /// Visible spans with neighbours of the same op on the same lane merged when less than
    /// `gap` apart (one column's time): a burst of 500 tiny `exp`s reads "exp ×500" instead of
    /// unlabelled slivers; zoomed in far enough they separate again.
    public static func runs(_ spans: [TimelineModel.Span], t0: Double, t1: Double, gap: Double)
        -> [(span: TimelineModel.Span, count: Int)]
    {
        let visible = spans.filter { $0.end > t0 && $0.start < t1 }.sorted { ($0.lane, $0.start) < ($1.lane, $1.start) }
        var result: [(span: TimelineModel.Span, count: Int)] = []
        for span in visible {
            if let last = result.last, last.span.lane == span.lane, last.span.name == span.name,
               last.span.kind == span.kind, span.start - last.span.end < gap {
                result[result.count - 1].span.end = max(last.span.end, span.end)
                result[result.count - 1].count += span.count
            } else {
                result.append((span, span.count))
            }
        }
        return result
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = palette.theme
        guard !model.lanes.isEmpty else {
            canvas.fill(area, style: theme.baseStyle)
            canvas.render(Paragraph("No streams yet: pick a workload (6, Enter) to see its ops here.",
                                    style: theme.inactiveStyle, alignment: .center), in: area.inset(top: area.height / 2))
            return
        }
        let (widget, lanesArea) = lanesWidget(for: area)
        canvas.render(widget, in: lanesArea)
        guard let cursor else { return }
        let geometry = widget.geometry(for: lanesArea)
        let order = laneOrder
        let x = geometry.x(of: cursor.time)
        if x >= geometry.plot.x, x < geometry.plot.maxX {
            canvas.restyle(Rect(x: x, y: geometry.plot.y, width: 1, height: geometry.plot.height)) {
                $0.adding(.reverse)
            }
            if let position = order.firstIndex(of: cursor.lane), let y = geometry.row(of: position) {
                canvas.put("┃", x: x, y: y, style: palette.markerStyle.adding(.reverse))
            }
        }
        let info = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
        canvas.render(StyledLine(describe(cursor, window: viewport.window, columns: geometry.plot.width)), in: info)
    }

    /// The op under the cursor: name, stream, device, shape, dtype, duration, inputs, the stream
    /// it waited on. Spans narrower than a cell are found within one column's time.
    public func describe(_ cursor: TimelineCursor, window: Double, columns: Int) -> [Segment] {
        let theme = palette.theme
        let tolerance = window / Double(max(1, columns))
        guard model.lanes.indices.contains(cursor.lane) else { return [] }
        let lane = model.lanes[cursor.lane]
        let head = Segment("▸ \(laneName(device: lane.device, stream: lane.name)) @\(Format.duration(cursor.time)): ", style: theme.inactiveStyle)
        guard let span = model.span(lane: cursor.lane, at: cursor.time, tolerance: tolerance) else {
            return [head, Segment("idle", style: theme.inactiveStyle)]
        }
        var segments = [
            head,
            Segment(" \(span.name) ", style: palette.spanStyle(device: lane.device.kind, name: span.name)),
            Segment(" #\(span.nodeID) \(Format.shape(span.shape)) \(span.dtype) \(Format.duration(span.duration))",
                    style: theme.baseStyle.adding(.bold)),
        ]
        if !span.inputs.isEmpty {
            segments.append(Segment(" inputs " + span.inputs.map { "#\($0)" }.joined(separator: ","),
                                    style: theme.baseStyle))
        }
        if let wait = model.wait(before: span.nodeID, lane: cursor.lane), model.lanes.indices.contains(wait.onLane) {
            let other = model.lanes[wait.onLane]
            segments.append(Segment(" waited \(Format.duration(wait.end - wait.start)) on \(laneName(device: other.device, stream: other.name))",
                                    style: Style(fg: palette.arrow, bg: theme.background)))
        }
        return segments
    }

    /// The model lane and time under a screen cell, for clicks.
    public func hit(x: Int, y: Int, area: Rect) -> TimelineCursor? {
        let (widget, lanesArea) = lanesWidget(for: area)
        let geometry = widget.geometry(for: lanesArea)
        guard let position = geometry.lane(atY: y), let time = geometry.time(atX: x) else { return nil }
        let order = laneOrder
        guard order.indices.contains(position) else { return nil }
        let half = (viewport.window / Double(max(1, geometry.plot.width))) / 2
        return TimelineCursor(lane: order[position], time: time + half)
    }
}

import TerminalUI

/// A complete dashboard-like frame of every widget, fed with synthetic data that moves with
/// `frame`. It is what the benchmark times, what the screen tests check at several sizes,
/// and a quick visual check for the terminal layer; no real data is involved. It lives outside
/// the library (the dashboard has its own panels) and uses only the theme's general colours.
public struct SampleScreen: Sendable {
    public var theme: Theme
    public var frame: Int

    public init(theme: Theme = .builtin(), frame: Int = 0) {
        self.theme = theme
        self.frame = frame
    }

    /// One rectangular panel and how to draw it.
    public struct Panel: Sendable {
        public let name: String
        public let area: Rect
        let draw: @Sendable (inout Canvas, Rect) -> Void

        /// Draws only this panel (tests use it to check it stays inside `area`).
        public func render(into canvas: inout Canvas) { draw(&canvas, area) }
    }

    /// The panels for a screen of `bounds`, or nil when it is smaller than the layout needs.
    public func panels(in bounds: Rect) -> [Panel]? {
        guard let rows = bounds.split(.vertical, [.min(10), .fixed(1)]),
              let columns = rows[0].split(.horizontal, [.percent(60), .min(24)]),
              let left = columns[0].split(.vertical, [.percent(55), .min(5)]),
              let right = columns[1].split(.vertical, [.min(5), .fixed(6), .fixed(5)])
        else { return nil }
        let theme = theme
        let frame = frame
        return [
            Panel(name: "timeline", area: left[0]) { SampleScreen.timeline(theme, frame, &$0, $1) },
            Panel(name: "graph", area: left[1]) { SampleScreen.graph(theme, frame, &$0, $1) },
            Panel(name: "ops", area: right[0]) { SampleScreen.table(theme, frame, &$0, $1) },
            Panel(name: "streams", area: right[1]) { SampleScreen.streams(theme, frame, &$0, $1) },
            Panel(name: "memory", area: right[2]) { SampleScreen.memory(theme, frame, &$0, $1) },
            Panel(name: "status", area: rows[1]) { SampleScreen.status(theme, frame, &$0, $1) },
        ]
    }

    /// Draws every panel, or a "too small" notice.
    public func render(into canvas: inout Canvas) {
        canvas.clear(style: theme.baseStyle)
        guard let panels = panels(in: canvas.bounds) else {
            let text = "Terminal too small: \(canvas.width)×\(canvas.height)"
            canvas.render(Paragraph(text, style: theme.baseStyle, alignment: .center), in: canvas.bounds)
            return
        }
        for panel in panels { panel.render(into: &canvas) }
    }

    // MARK: - Panels

    static let ops = ["matmul", "add", "softmax", "gelu", "copy_h2d", "reduce", "layernorm", "transpose"]

    /// Deterministic pseudo-random numbers in 0..<1 (a hash, so frames are reproducible).
    static func noise(_ a: Int, _ b: Int) -> Double {
        var x = UInt64(bitPattern: Int64(a &* 73_856_093 ^ b &* 19_349_663))
        x = (x ^ (x >> 33)) &* 0xff51_afd7_ed55_8ccd
        x = (x ^ (x >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return Double((x ^ (x >> 33)) >> 11) / Double(1 << 53)
    }

    static func block(_ title: String, _ theme: Theme, focused: Bool = false) -> Block {
        Block(title: title, borderType: .rounded, borderStyle: theme.borderStyle(focused: focused),
              titleStyle: theme.titleStyle)
    }

    static func timeline(_ theme: Theme, _ frame: Int, _ canvas: inout Canvas, _ area: Rect) {
        let frameBlock = block("Timeline", theme, focused: true)
        frameBlock.render(into: &canvas, area: area)
        let lanes = ["cpu0", "cpu1", "gpu0", "gpu1"]
        let t0 = Double(frame * 10)
        var spans: [TimelineSpan] = []
        var arrows: [TimelineArrow] = []
        for lane in lanes.indices {
            var t = t0 - 40 + noise(lane, frame / 20) * 30
            var k = 0
            while t < t0 + 1000 {
                let op = Int(noise(lane * 100 + k, 7) * Double(ops.count))
                let length = 20 + noise(lane, k) * 90
                let palette = theme.graphSeries.isEmpty ? [Color.default] : theme.graphSeries
                let color = palette[(op + (lane < 2 ? 0 : 1)) % palette.count]
                spans.append(TimelineSpan(lane: lane, start: t, end: t + length, label: ops[op],
                                          style: Style(fg: theme.background == .default ? .ansi(0) : theme.background,
                                                       bg: color, attributes: color == .default ? .reverse : [])))
                t += length + 8 + noise(k, lane) * 40
                k += 1
            }
        }
        // Dependencies: every fourth span on a lane feeds the next span starting after it on
        // the lane below, as a stream waiting on another stream's event would.
        for (i, span) in spans.enumerated() where span.lane < lanes.count - 1 && i % 4 == 1 {
            guard let target = spans.first(where: { $0.lane == span.lane + 1 && $0.start >= span.end }) else { continue }
            arrows.append(TimelineArrow(fromLane: span.lane, fromTime: span.end, toLane: target.lane,
                                        toTime: target.start, style: Style(fg: theme.hintKey, bg: theme.background)))
        }
        let markers = (0..<4).map {
            TimelineMarker(lane: $0, time: t0 + 100 + Double($0) * 200, style: Style(fg: theme.warning, bg: theme.background))
        }
        TimelineLanes(lanes: lanes, spans: spans, markers: markers, arrows: arrows, t0: t0, t1: t0 + 1000,
                      labelStyle: theme.inactiveStyle, backgroundStyle: theme.baseStyle,
                      ruler: TimeRuler(t0: t0, t1: t0 + 1000, style: theme.inactiveStyle))
            .render(into: &canvas, area: frameBlock.inner(area))
    }

    static func graph(_ theme: Theme, _ frame: Int, _ canvas: inout Canvas, _ area: Rect) {
        let frameBlock = block("Latency (µs)", theme)
        frameBlock.render(into: &canvas, area: area)
        let samples = max(0, area.width * 2)
        let series = (0..<2).map { s in
            GraphSeries(name: s == 0 ? "cpu" : "gpu", values: (0..<samples).map { i in
                let t = Double(i + frame)
                return 40 + 30 * (s == 0 ? 1 : 0.5) * (1 + ((t / 9).truncatingRemainder(dividingBy: 6) - 3) / 3)
                    + 20 * noise(i + frame, s)
            }, style: Style(fg: theme.graphSeries[s % max(1, theme.graphSeries.count)], bg: theme.background),
               gradient: s == 0 ? theme.latencyGradient : nil)
        }
        BrailleGraph(series: series, xLabels: ("-\(samples / 2)s", "now"), axisStyle: theme.inactiveStyle)
            .render(into: &canvas, area: frameBlock.inner(area))
    }

    static func table(_ theme: Theme, _ frame: Int, _ canvas: inout Canvas, _ area: Rect) {
        let frameBlock = block("Ops", theme)
        frameBlock.render(into: &canvas, area: area)
        let rows = (0..<40).map { i -> [String] in
            let op = ops[i % ops.count]
            let mean = 5 + noise(i, frame / 5) * 200
            return ["\(op)#\(i)", i % 2 == 0 ? "gpu" : "cpu", String(Int(mean)), String(i * 3 + frame % 7)]
        }
        var state = TableState(selected: frame % 40)
        Table(columns: [TableColumn("op", width: .fill(1)), TableColumn("dev", width: .fixed(3)),
                        TableColumn("µs", width: .fixed(5), alignment: .right),
                        TableColumn("count", width: .fixed(6), alignment: .right)],
              rows: rows, sortColumn: 2, sortOrder: .descending,
              headerStyle: theme.titleStyle, rowStyle: theme.baseStyle, selectedStyle: theme.selectedStyle)
            .render(into: &canvas, area: frameBlock.inner(area).inset(right: 1), state: &state)
        let body = frameBlock.inner(area).inset(top: 1)
        Scrollbar(total: rows.count, visible: body.height, offset: state.offset, trackStyle: theme.inactiveStyle,
                  thumbStyle: theme.borderStyle(focused: true))
            .render(into: &canvas, area: body)
    }

    static func streams(_ theme: Theme, _ frame: Int, _ canvas: inout Canvas, _ area: Rect) {
        let frameBlock = block("Streams", theme)
        frameBlock.render(into: &canvas, area: area)
        let inner = frameBlock.inner(area)
        for row in 0..<min(4, inner.height) {
            let label = Rect(x: inner.x, y: inner.y + row, width: min(6, inner.width), height: 1)
            canvas.put("s\(row)", x: label.x, y: label.y, style: theme.inactiveStyle, clip: label)
            let values = (0..<inner.width).map { noise($0 + frame, row) }
            Sparkline(values, maximum: 1, style: theme.baseStyle, gradient: theme.cpuGradient)
                .render(into: &canvas, area: inner.inset(left: label.width).intersection(
                    Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1)))
        }
    }

    static func memory(_ theme: Theme, _ frame: Int, _ canvas: inout Canvas, _ area: Rect) {
        let frameBlock = block("Memory", theme)
        frameBlock.render(into: &canvas, area: area)
        let inner = frameBlock.inner(area)
        let series = theme.graphSeries + Array(repeating: theme.foreground, count: 3)
        let rows: [(String, Color)] = [("act", series[0]), ("cch", series[1]), ("pk", series[2])]
        for (i, row) in rows.enumerated() where i < inner.height {
            let line = Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1)
            canvas.put(row.0, x: line.x, y: line.y, style: theme.inactiveStyle, clip: line)
            Gauge(ratio: noise(frame / 3, i), barStyle: Style(fg: row.1, bg: theme.background),
                  trackStyle: theme.baseStyle, labelStyle: theme.baseStyle)
                .render(into: &canvas, area: line.inset(left: 4))
        }
    }

    static func status(_ theme: Theme, _ frame: Int, _ canvas: inout Canvas, _ area: Rect) {
        StatusBar(hints: [KeyHint("q", "quit"), KeyHint("?", "help"), KeyHint("/", "filter"), KeyHint("t", "theme")],
                  message: "frame \(frame)", keyStyle: theme.hintKeyStyle, textStyle: theme.hintTextStyle)
            .render(into: &canvas, area: area)
    }
}

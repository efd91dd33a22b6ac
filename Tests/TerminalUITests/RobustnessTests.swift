import Testing
@testable import TerminalUI

/// Hostile inputs (NaN, infinities, far-away times, stale cursors, zero-sized areas) must
/// neither trap nor draw outside the area: a profiler feeds widgets whatever it measured.
@Suite struct RobustnessTests {
    static let area = Rect(x: 2, y: 1, width: 12, height: 4)

    static func drawsInside(_ widget: some Widget) -> Bool {
        var canvas = TestSupport.dotted(width: 16, height: 6)
        widget.render(into: &canvas, area: area)
        return TestSupport.untouchedOutside(area, in: canvas)
    }

    @Test func nonFiniteSamples() {
        let bad: [Double] = [.nan, .infinity, -.infinity, 1e300, -1e300, 0]
        #expect(Self.drawsInside(Sparkline(bad, gradient: Gradient(stops: [.rgb(0, 0, 0), .rgb(9, 9, 9)]))))
        #expect(Self.drawsInside(Sparkline(bad, maximum: .nan)))
        #expect(Self.drawsInside(BrailleGraph(series: [GraphSeries(values: bad)], xLabels: ("a", "b"))))
        #expect(Self.drawsInside(BrailleGraph(series: [GraphSeries(values: bad)], scale: .fixed(min: .nan, max: .infinity))))
        #expect(Self.drawsInside(Gauge(ratio: .infinity, placement: .overlay)))
        #expect(Gauge.bar(ratio: 2, width: 3) == ["█", "█", "█"])
        #expect(Gauge.bar(ratio: .nan, width: 2) == [" ", " "])
        #expect(BrailleGraph.defaultLabel(.nan) == "?")
        #expect(BrailleGraph.defaultLabel(1e300) == "1e+300")
    }

    @Test func farAwayAndNonFiniteTimes() {
        let style = Style(fg: .ansi(1))
        let timeline = TimelineLanes(
            lanes: ["a", "b", "c"],
            spans: [TimelineSpan(lane: 0, start: .nan, end: 5, style: style),
                    TimelineSpan(lane: 1, start: -1e18, end: 1e18, label: "huge", style: style),
                    TimelineSpan(lane: 7, start: 0, end: 5, style: style)],
            markers: [TimelineMarker(lane: 2, time: .infinity, style: style)],
            arrows: [TimelineArrow(fromLane: 0, fromTime: -1e18, toLane: 2, toTime: 1e18, style: style),
                     TimelineArrow(fromLane: 2, fromTime: .nan, toLane: 0, toTime: .infinity, style: style),
                     TimelineArrow(fromLane: 0, fromTime: 1, toLane: 9, toTime: 2, style: style)],
            t0: 0, t1: 10)
        #expect(Self.drawsInside(timeline))
        var flat = timeline
        flat.laneSpacing = 0
        #expect(Self.drawsInside(flat))
        #expect(TimeScale(t0: 0, t1: 10, columns: 10).column(.nan) == -1)
        #expect(TimeScale(t0: 0, t1: 10, columns: 10).column(1e300) == 10)
    }

    @Test func staleFormCursor() {
        var state = FormState(fields: [FormField(label: "x", text: "abc")])
        state.fields[0].cursor = 99
        var canvas = Canvas(width: 10, height: 2)
        Form().render(into: &canvas, area: canvas.bounds, state: &state)
        state.handle(.char("d"))
        #expect(state.fields[0].text == "abcd")
        state.fields[0].text = "z"
        #expect(state.fields[0].cursor == 1)
    }

    @Test func emptyAndDegenerateInputs() {
        #expect(Self.drawsInside(Table(columns: [], rows: [["a"]]).asWidget))
        #expect(Self.drawsInside(Table(columns: [TableColumn("a", width: .fixed(50))], rows: []).asWidget))
        #expect(Self.drawsInside(BrailleGraph(series: [])))
        #expect(Self.drawsInside(TimelineLanes(lanes: [], t0: 5, t1: 5)))
        #expect(Self.drawsInside(Paragraph("")))
        #expect(Self.drawsInside(Popup(title: "", width: -3, height: 0, content: Paragraph("x"))))
        var canvas = TestSupport.dotted(width: 3, height: 1)
        for widget in [Block(title: "t") as any Widget, Gauge(ratio: 0.5), Sparkline([1]), StatusBar(hints: [KeyHint("q", "quit")])] {
            canvas.render(widget, in: .zero)
            canvas.render(widget, in: Rect(x: 9, y: 9, width: 4, height: 4))
        }
        #expect(canvas.lines() == ["..."])
    }
}

extension Table {
    /// The table with a fresh state, as a plain widget (for "draws inside" checks).
    var asWidget: some Widget { StatelessTable(table: self) }
}

private struct StatelessTable: Widget {
    let table: Table
    func render(into canvas: inout Canvas, area: Rect) {
        var state = TableState(selected: 0)
        table.render(into: &canvas, area: area, state: &state)
    }
}

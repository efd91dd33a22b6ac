import Testing
@testable import TerminalUI

@Suite struct TimelineTests {
    static let red = Style(bg: .ansi(1))
    static let blue = Style(bg: .ansi(4))
    static let arrow = Style(fg: .ansi(3))

    /// Area 25 wide: names take 4 columns + 1 gap, so the plot is 20 columns for [0, 100),
    /// 5 time units per column, starting at x = 5. Lanes are on rows 0, 2 and 4.
    static func lanes(spans: [TimelineSpan], arrows: [TimelineArrow] = [], markers: [TimelineMarker] = []) -> TimelineLanes {
        TimelineLanes(lanes: ["cpu0", "gpu0", "gpu1"], spans: spans, markers: markers, arrows: arrows, t0: 0, t1: 100)
    }

    @Test func timeScaleColumns() {
        let scale = TimeScale(t0: 0, t1: 100, columns: 20)
        #expect(scale.column(0) == 0)
        #expect(scale.column(4.99) == 0)
        #expect(scale.column(5) == 1)
        #expect(scale.columns(start: 0, end: 30) == 0..<6)
        #expect(scale.columns(start: 40, end: 42) == 8..<9)  // narrower than a cell: one cell
        #expect(scale.columns(start: 41, end: 41) == 8..<9)  // even zero length
        #expect(scale.columns(start: 90, end: 130) == 18..<20)  // clipped at t1
        #expect(scale.columns(start: -10, end: 25) == 0..<5)  // clipped at t0
        #expect(scale.columns(start: 100, end: 120) == nil)
        #expect(scale.columns(start: -20, end: 0) == nil)
    }

    @Test func spansLabelsMarkersAndArrow() {
        var canvas = Canvas(width: 25, height: 5)
        let timeline = Self.lanes(
            spans: [
                TimelineSpan(lane: 0, start: 0, end: 30, label: "matmul", style: Self.red),
                TimelineSpan(lane: 1, start: 40, end: 42, label: "add", style: Self.blue),
                TimelineSpan(lane: 1, start: 90, end: 130, label: "softmax", style: Self.red),
                TimelineSpan(lane: 2, start: -10, end: 25, label: "copy_h2d", style: Self.blue),
            ],
            arrows: [TimelineArrow(fromLane: 0, fromTime: 30, toLane: 2, toTime: 60, style: Self.arrow)],
            markers: [TimelineMarker(lane: 0, time: 50, glyph: "◆", style: Self.arrow)])
        timeline.render(into: &canvas, area: canvas.bounds)
        // Arrow: source column 30/5 = 6 → x 11, target 60/5 = 12 → x 17. It drops from
        // x 11 through the gap rows (no label at x 11 on lane 1) and runs along the gap row
        // above lane 2 to "▼" over x 17.
        #expect(canvas.lines() == [
            "cpu0 matmul    ◆         ",
            "           │             ",
            "gpu0       │             ",
            "           └─────▼       ",
            "gpu1 copy…               ",
        ])
        #expect((5...10).allSatisfy { canvas[$0, 0].style == Self.red })
        #expect(canvas[13, 2].style == Self.blue)  // "add": 2 time units, still one cell
        #expect(canvas[12, 2].style == .plain && canvas[14, 2].style == .plain)
        #expect(canvas[23, 2].style == Self.red && canvas[24, 2].style == Self.red)  // clipped softmax
        #expect((5...9).allSatisfy { canvas[$0, 4].style == Self.blue })
        #expect(canvas[11, 1].style == Self.arrow)
    }

    @Test func arrowAvoidsSpanLabels() {
        var canvas = Canvas(width: 25, height: 5)
        // "abcd" covers x 5–8 on the middle lane, which the arrow must cross.
        let timeline = Self.lanes(
            spans: [TimelineSpan(lane: 1, start: 0, end: 20, label: "abcd", style: Self.blue)],
            arrows: [TimelineArrow(fromLane: 0, fromTime: 0, toLane: 2, toTime: 50, style: Self.arrow)])
        timeline.render(into: &canvas, area: canvas.bounds)
        // x 5–8 are taken by the label on the crossed lane, so the run turns at x 9.
        #expect(canvas.lines() == [
            "cpu0                     ",
            "     └───┐               ",
            "gpu0 abcd│               ",
            "         └─────▼         ",
            "gpu1                     ",
        ])
    }

    @Test func adjacentLanesShareOneGapRow() {
        var canvas = Canvas(width: 25, height: 3)
        TimelineLanes(lanes: ["cpu0", "gpu0"], spans: [
            TimelineSpan(lane: 0, start: 0, end: 15, label: "abc", style: Self.red),
            TimelineSpan(lane: 1, start: 15, end: 25, label: "xy", style: Self.blue),
        ], arrows: [TimelineArrow(fromLane: 0, fromTime: 0, toLane: 1, toTime: 50, style: Self.arrow)],
        t0: 0, t1: 100).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == [
            "cpu0 abc                 ",
            "     └─────────▼         ",
            "gpu0    xy               ",
        ])
    }

    @Test func withoutSpacingArrowsUseLaneRowsAndKeepLabels() {
        var canvas = Canvas(width: 25, height: 3)
        // Lanes on rows 0–2. "abcd" (x 5–8) on the crossed lane pushes the run to x 9; the
        // run on lane 0 stays a plain line because lane 0 has no label there.
        TimelineLanes(lanes: ["cpu0", "gpu0", "gpu1"], spans: [
            TimelineSpan(lane: 1, start: 0, end: 20, label: "abcd", style: Self.blue),
        ], arrows: [TimelineArrow(fromLane: 0, fromTime: 0, toLane: 2, toTime: 50, style: Self.arrow)],
        t0: 0, t1: 100, laneSpacing: 0).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == [
            "cpu0 ────┐               ",
            "gpu0 abcd│               ",
            "gpu1     └────▶          ",
        ])
    }

    @Test func withoutSpacingCornersAvoidLabelsAndSegmentsPassBehindThem() {
        var canvas = Canvas(width: 25, height: 2)
        // "abc" covers x 5–7 on lane 0 and "xy" x 8–9 on lane 1: the first column clear on
        // both is x 10; the run on lane 0 skips the label cells.
        TimelineLanes(lanes: ["cpu0", "gpu0"], spans: [
            TimelineSpan(lane: 0, start: 0, end: 15, label: "abc", style: Self.red),
            TimelineSpan(lane: 1, start: 15, end: 25, label: "xy", style: Self.blue),
        ], arrows: [TimelineArrow(fromLane: 0, fromTime: 0, toLane: 1, toTime: 50, style: Self.arrow)],
        t0: 0, t1: 100, laneSpacing: 0).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["cpu0 abc──┐              ", "gpu0    xy└───▶          "])
    }

    @Test func upwardArrow() {
        var canvas = Canvas(width: 25, height: 5)
        Self.lanes(spans: [], arrows: [TimelineArrow(fromLane: 2, fromTime: 0, toLane: 0, toTime: 25, style: Self.arrow)])
            .render(into: &canvas, area: canvas.bounds)
        // From x 5 on lane 2 up to lane 0, target x 10: mirrored glyphs and "▲".
        #expect(canvas.lines() == [
            "cpu0                     ",
            "     ┌────▲              ",
            "gpu0 │                   ",
            "     │                   ",
            "gpu1                     ",
        ])
    }

    @Test func verticalArrowWhenTargetIsAbove() {
        var canvas = Canvas(width: 25, height: 5)
        // Source and target in the same column (x 15): a vertical run ending in ▼ above lane 2.
        Self.lanes(spans: [], arrows: [TimelineArrow(fromLane: 0, fromTime: 50, toLane: 2, toTime: 52, style: Self.arrow)])
            .render(into: &canvas, area: canvas.bounds)
        #expect((0..<5).map { canvas[15, $0].grapheme } == [" ", "│", "│", "▼", " "])
    }

    @Test func labelsStopBeforeTheNextSpanOnTheLane() {
        var canvas = Canvas(width: 25, height: 1)
        // [0, 31) covers columns 0–6 (x 5–11); [33, 60) starts in column 6, so the first
        // label has 6 columns: "layernorm" becomes "layer…", not "layern" cut by the next span.
        TimelineLanes(lanes: ["cpu0"], spans: [
            TimelineSpan(lane: 0, start: 33, end: 60, label: "gelu", style: Self.blue),
            TimelineSpan(lane: 0, start: 0, end: 31, label: "layernorm", style: Self.red),
        ], t0: 0, t1: 100).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["cpu0 layer…gelu          "])
    }

    @Test func laneScrollingAndNameTruncation() {
        var canvas = Canvas(width: 12, height: 3)
        TimelineLanes(lanes: ["first", "second-lane", "third"], spans: [
            TimelineSpan(lane: 2, start: 0, end: 100, label: "op", style: Self.red),
        ], t0: 0, t1: 100, labelWidth: 4, firstLane: 1).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["sec…        ", "            ", "thi… op     "])
    }

    @Test func staysInsideItsArea() {
        var canvas = TestSupport.dotted(width: 30, height: 9)
        let area = Rect(x: 3, y: 2, width: 20, height: 5)
        Self.lanes(spans: [TimelineSpan(lane: 0, start: -50, end: 500, label: "long span label", style: Self.red)],
                   arrows: [TimelineArrow(fromLane: 0, fromTime: -20, toLane: 2, toTime: 300, style: Self.arrow)],
                   markers: [TimelineMarker(lane: 1, time: 99.9, style: Self.arrow)])
            .render(into: &canvas, area: area)
        #expect(TestSupport.untouchedOutside(area, in: canvas))
    }
}

@Suite struct TimeRulerTests {
    @Test func niceSteps() {
        // 100 units over 20 columns with 8 columns per label: raw step 40 → 50.
        #expect(TimeRuler(t0: 0, t1: 100).step(columns: 20) == 50)
        // 1 unit over 80 columns: raw 0.1 → 0.1.
        #expect(TimeRuler(t0: 0, t1: 1).step(columns: 80)! == 0.1)
        // 3000 over 100 columns: raw 240 → 500.
        #expect(TimeRuler(t0: 0, t1: 3000).step(columns: 100) == 500)
        #expect(TimeRuler(t0: 5, t1: 5).step(columns: 10) == nil)
    }

    @Test func labelsAtTickColumns() {
        var canvas = Canvas(width: 20, height: 1)
        TimeRuler(t0: 0, t1: 100).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["0         50        "])
        // Window [13, 113): ticks at 50 (column ⌊37/5⌋ = 7) and 100 (column 17, "100" just fits).
        TimeRuler(t0: 13, t1: 113).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["       50        100"])
    }

    @Test func timelineWithRulerShiftsLanesDown() {
        var canvas = Canvas(width: 25, height: 4)
        let timeline = TimelineLanes(lanes: ["cpu0", "gpu0"], spans: [
            TimelineSpan(lane: 1, start: 50, end: 60, label: "op", style: TimelineTests.red),
        ], t0: 0, t1: 100, ruler: TimeRuler(t0: 0, t1: 0))
        timeline.render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == [
            "     0         50        ",
            "cpu0                     ",
            "                         ",
            "gpu0           op        ",
        ])
        #expect(timeline.geometry(for: canvas.bounds).lane(atY: 3) == 1)
    }
}

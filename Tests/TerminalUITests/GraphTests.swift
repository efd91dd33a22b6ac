import Testing
@testable import TerminalUI

/// Expected braille glyphs are built from the bit table in the Unicode standard:
/// left column rows 0–3 = 0x01 0x02 0x04 0x40, right column = 0x08 0x10 0x20 0x80.
private func braille(_ mask: UInt32) -> String { String(Character(Unicode.Scalar(0x2800 + mask)!)) }

@Suite struct BrailleGraphTests {
    @Test func risingLineAcrossTwoCells() {
        // Scale 0…3 over 4 dot rows: value v sits on dot row 3 − v.
        var canvas = Canvas(width: 2, height: 1)
        BrailleGraph(series: [GraphSeries(values: [0, 1, 2, 3])], scale: .fixed(min: 0, max: 3), showYAxis: false)
            .render(into: &canvas, area: canvas.bounds)
        // Cell 0: left row 3 (0x40) + right row 2 (0x20); cell 1: left row 1 (0x02) + right row 0 (0x08).
        #expect(canvas.lines() == [braille(0x40 | 0x20) + braille(0x02 | 0x08)])
        #expect(canvas.lines() == ["⡠⠊"])
    }

    @Test func steepStepIsConnected() {
        var canvas = Canvas(width: 1, height: 1)
        BrailleGraph(series: [GraphSeries(values: [0, 3])], scale: .fixed(min: 0, max: 3), showYAxis: false)
            .render(into: &canvas, area: canvas.bounds)
        // Left row 3, then the right column is filled from row 2 up to row 0.
        #expect(canvas[0, 0].grapheme == braille(0x40 | 0x20 | 0x10 | 0x08))
    }

    @Test func seriesShareCellsDotsCombineLastColourWins() {
        var canvas = Canvas(width: 1, height: 1)
        let top = GraphSeries(values: [3, 3], style: TestSupport.red)
        let bottom = GraphSeries(values: [0, 0], style: TestSupport.green)
        BrailleGraph(series: [top, bottom], scale: .fixed(min: 0, max: 3), showYAxis: false)
            .render(into: &canvas, area: canvas.bounds)
        #expect(canvas[0, 0].grapheme == braille(0x01 | 0x08 | 0x40 | 0x80))
        #expect(canvas[0, 0].style == TestSupport.green)
    }

    @Test func autoscaleWithAxisLabels() {
        var canvas = Canvas(width: 6, height: 3)
        BrailleGraph(series: [GraphSeries(values: [0, 10])], xLabels: ("-2s", "now"))
            .render(into: &canvas, area: canvas.bounds)
        // Labels "10" and " 0" take 2 columns + 1 gap; the plot is 3 cells = 6 dot columns,
        // 2 rows = 8 dot rows. The two samples land in dot columns 4 and 5 (cell 2):
        // 0 → dot row 7 (row 1, left 0x40); 10 → the right column filled from row 6 to 0.
        #expect(canvas.lines() == [
            "10   " + braille(0x08 | 0x10 | 0x20 | 0x80),
            " 0   " + braille(0x40 | 0x08 | 0x10 | 0x20),
            "   -2s",
        ])
    }

    @Test func gradientColoursByRowHeight() {
        var canvas = Canvas(width: 1, height: 2)
        let gradient = Gradient(stops: [.rgb(0, 0, 0), .rgb(200, 0, 0)])
        // 0 → bottom dot row, 3 → the right column filled up to the top row.
        BrailleGraph(series: [GraphSeries(values: [0, 3], style: TestSupport.blue, gradient: gradient)],
                     scale: .fixed(min: 0, max: 3), showYAxis: false)
            .render(into: &canvas, area: canvas.bounds)
        #expect(canvas[0, 0].style.fg == .rgb(200, 0, 0))  // top row: 100 %
        #expect(canvas[0, 1].style.fg == .rgb(0, 0, 0))  // bottom row: 0 %
    }

    @Test func onlyTheNewestSamplesAreShown() {
        var canvas = Canvas(width: 1, height: 1)
        // 2 dot columns: only the last two samples (3, 3) are drawn, top row both columns.
        BrailleGraph(series: [GraphSeries(values: [0, 0, 0, 3, 3])], scale: .fixed(min: 0, max: 3), showYAxis: false)
            .render(into: &canvas, area: canvas.bounds)
        #expect(canvas[0, 0].grapheme == braille(0x01 | 0x08))
    }

    @Test func staysInsideItsArea() {
        var canvas = TestSupport.dotted(width: 12, height: 6)
        let area = Rect(x: 2, y: 1, width: 7, height: 4)
        BrailleGraph(series: [GraphSeries(values: (0..<40).map { Double($0 % 7) })], xLabels: ("a", "b"))
            .render(into: &canvas, area: area)
        #expect(TestSupport.untouchedOutside(area, in: canvas))
    }
}

@Suite struct SparklineTests {
    @Test func eightLevels() {
        var canvas = Canvas(width: 9, height: 1)
        Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], maximum: 8).render(into: &canvas, area: canvas.bounds)
        // Level = ⌈8·v/max⌉ − 1, with 0 drawn as the lowest bar.
        #expect(canvas.lines() == ["▁▁▂▃▄▅▆▇█"])
    }

    @Test func newestAtTheRightAndAutoscale() {
        var canvas = Canvas(width: 6, height: 1)
        Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], maximum: 8).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["▃▄▅▆▇█"])
        var short = Canvas(width: 4, height: 1)
        Sparkline([2, 4]).render(into: &short, area: short.bounds)  // max 4: 2 is half → ▄
        #expect(short.lines() == ["  ▄█"])
    }

    @Test func gradientColoursByValue() {
        var canvas = Canvas(width: 2, height: 1)
        let gradient = Gradient(stops: [.rgb(0, 0, 0), .rgb(200, 0, 0)])
        Sparkline([5, 10], maximum: 10, gradient: gradient).render(into: &canvas, area: canvas.bounds)
        #expect(canvas[0, 0].style.fg == .rgb(100, 0, 0))
        #expect(canvas[1, 0].style.fg == .rgb(200, 0, 0))
    }
}

@Suite struct GaugeTests {
    @Test func subCellBars() {
        #expect(Gauge.bar(ratio: 0.5, width: 4) == ["█", "█", " ", " "])
        // 0.3 × 5 cells × 8 = 12 eighths: one full cell and a half (▌).
        #expect(Gauge.bar(ratio: 0.3, width: 5) == ["█", "▌", " ", " ", " "])
        // 1/40 of 5 cells = 1 eighth.
        #expect(Gauge.bar(ratio: 0.025, width: 5) == ["▏", " ", " ", " ", " "])
        #expect(Gauge.bar(ratio: 1, width: 3) == ["█", "█", "█"])
    }

    @Test func percentLabelOnTheRight() {
        var canvas = Canvas(width: 10, height: 1)
        // Bar of 6 cells: 0.42 × 48 = 20.16 → 20 eighths = 2 full + ▌.
        Gauge(ratio: 0.42).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["██▌    42%"])
    }

    @Test func overlayLabelUsesInvertedColoursOverTheBar() {
        var canvas = Canvas(width: 8, height: 1)
        let bar = Style(fg: .ansi(2), bg: .ansi(0))
        Gauge(ratio: 0.5, label: "ab", placement: .overlay, barStyle: bar).render(into: &canvas, area: canvas.bounds)
        // 4 full cells, label centred at columns 3–4: column 3 is on the bar, 4 is not.
        #expect(canvas.lines() == ["███ab   "])
        #expect(canvas[3, 0].style == Style(fg: .ansi(0), bg: .ansi(2)))
        #expect(canvas[4, 0].style == .plain)
    }

    @Test func outOfRangeRatiosAreClamped() {
        #expect(Gauge(ratio: 1.7).text == "100%")
        #expect(Gauge(ratio: -1).text == "0%")
        #expect(Gauge(ratio: .nan).text == "0%")
    }
}

import Testing
@testable import TerminalUI

@Suite struct BlockTests {
    @Test func roundedBlockWithTitle() {
        var canvas = TestSupport.dotted(width: 12, height: 6)
        let area = Rect(x: 1, y: 1, width: 10, height: 4)
        let block = Block(title: "CPU", borderType: .rounded)
        block.render(into: &canvas, area: area)
        #expect(canvas.lines() == [
            "............",
            ".╭ CPU ───╮.",
            ".│........│.",
            ".│........│.",
            ".╰────────╯.",
            "............",
        ])
        #expect(block.inner(area) == Rect(x: 2, y: 2, width: 8, height: 2))
        #expect(TestSupport.untouchedOutside(area, in: canvas))
    }

    @Test func longTitleIsTruncatedWithEllipsis() {
        var canvas = Canvas(width: 10, height: 2)
        Block(title: "Operations", borderType: .plain).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["┌ Opera… ┐", "└────────┘"])
    }

    @Test func wideTitleIsNotTornAtTheBorder() {
        var canvas = Canvas(width: 9, height: 2)
        // Room is 9 − 4 = 5 columns: "漢字" (4) + "…" would be 5, so "漢字…".
        Block(title: "漢字漢字", borderType: .plain).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["┌ 漢字… ┐", "└───────┘"])
        #expect(TestSupport.widePairsIntact(canvas))
    }

    @Test func thickAndDoubleBorders() {
        var thick = Canvas(width: 4, height: 3)
        Block(borderType: .thick).render(into: &thick, area: thick.bounds)
        #expect(thick.lines() == ["┏━━┓", "┃  ┃", "┗━━┛"])
        var double = Canvas(width: 3, height: 2)
        Block(borderType: .double).render(into: &double, area: double.bounds)
        #expect(double.lines() == ["╔═╗", "╚═╝"])
    }

    @Test func tinyAreasDrawNothingOutside() {
        var canvas = TestSupport.dotted(width: 5, height: 5)
        let area = Rect(x: 2, y: 2, width: 1, height: 3)
        Block(title: "x").render(into: &canvas, area: area)
        #expect(TestSupport.untouchedOutside(area, in: canvas))
        #expect(Block().inner(area).isEmpty)
    }
}

@Suite struct ParagraphTests {
    @Test func wordWrap() {
        #expect(TextMeasure.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(TextMeasure.wrap("abcdefghijkl xy", width: 5) == ["abcde", "fghij", "kl xy"])
        #expect(TextMeasure.wrap("a\n\nb", width: 5) == ["a", "", "b"])
    }

    @Test func wrapIsWidthAware() {
        #expect(TextMeasure.wrap("漢字漢字漢", width: 5) == ["漢字", "漢字", "漢"])
    }

    @Test func renderWrappedInsideArea() {
        var canvas = TestSupport.dotted(width: 12, height: 4)
        let area = Rect(x: 1, y: 1, width: 10, height: 2)
        Paragraph("the quick brown fox jumps").render(into: &canvas, area: area)
        // The third line ("jumps") does not fit in two rows and is not drawn.
        #expect(canvas.lines() == ["............", ".the quick..", ".brown fox..", "............"])
    }

    @Test func alignmentAndTruncation() {
        var canvas = TestSupport.dotted(width: 6, height: 4)
        Paragraph("ab", alignment: .right).render(into: &canvas, area: Rect(x: 0, y: 0, width: 5, height: 1))
        Paragraph("ab", alignment: .center).render(into: &canvas, area: Rect(x: 0, y: 1, width: 5, height: 1))
        Paragraph("hello world\nok", overflow: .truncate).render(into: &canvas, area: Rect(x: 0, y: 2, width: 6, height: 2))
        #expect(canvas.lines() == ["...ab.", ".ab...", "hello…", "ok...."])
    }

    @Test func scrollSkipsLines() {
        var canvas = TestSupport.dotted(width: 5, height: 1)
        Paragraph("one two three", scroll: 1).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["two.."])
    }

    @Test func truncateNeverSplitsWideCharacters() {
        #expect(TextMeasure.truncate("漢字", to: 3) == "漢…")
        #expect(TextMeasure.truncate("漢字", to: 4) == "漢字")
        #expect(TextMeasure.truncate("abc", to: 1) == "…")
        #expect(TextMeasure.fit("ab", width: 4, alignment: .right) == "  ab")
    }
}

@Suite struct StatusBarTests {
    @Test func hintsWithHighlightedKeys() {
        var canvas = Canvas(width: 24, height: 1)
        let key = Style(fg: .ansi(3), attributes: .bold)
        let text = Style(fg: .ansi(7))
        StatusBar(hints: [KeyHint("q", "quit"), KeyHint("?", "help")], message: "paused", keyStyle: key, textStyle: text)
            .render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["q quit  ? help    paused"])
        #expect(canvas[0, 0].style == key)
        #expect(canvas[8, 0].style == key)
        #expect(canvas[2, 0].style == text)
        #expect(canvas[6, 0].style == text)
    }

    @Test func hintsThatDoNotFitAreDroppedWhole() {
        var canvas = TestSupport.dotted(width: 10, height: 2)
        StatusBar(hints: [KeyHint("q", "quit"), KeyHint("?", "help")], message: "paused")
            .render(into: &canvas, area: Rect(x: 0, y: 1, width: 10, height: 1))
        #expect(canvas.lines() == ["..........", "q quit    "])
    }
}

@Suite struct StyledLineTests {
    static let dim = Style(attributes: .dim)

    @Test func segmentsKeepTheirStyles() {
        var canvas = TestSupport.dotted(width: 14, height: 1)
        StyledLine([Segment("gpu0 ", style: Self.dim), Segment("matmul", style: TestSupport.red)])
            .render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["gpu0 matmul..."])
        #expect(canvas[4, 0].style == Self.dim)
        #expect(canvas[5, 0].style == TestSupport.red)
    }

    @Test func cutWithEllipsisInTheCutSegmentsStyle() {
        var canvas = Canvas(width: 8, height: 1)
        StyledLine([Segment("gpu0 ", style: Self.dim), Segment("matmul", style: TestSupport.red)])
            .render(into: &canvas, area: canvas.bounds)
        // 11 columns into 8: seven kept, then "…" in red.
        #expect(canvas.lines() == ["gpu0 ma…"])
        #expect(canvas[7, 0].style == TestSupport.red)
        #expect(StyledLine([Segment("abc"), Segment("def")]).fitted(to: 4) == [Segment("abc"), Segment("…")])
    }

    @Test func rightAligned() {
        var canvas = TestSupport.dotted(width: 6, height: 1)
        StyledLine([Segment("a"), Segment("漢")], alignment: .right).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["...a漢"])
    }
}

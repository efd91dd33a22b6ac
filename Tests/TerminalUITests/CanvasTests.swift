import Testing
@testable import TerminalUI

@Suite struct CanvasTests {
    @Test func putWritesTextAndReturnsAdvance() {
        var canvas = TestSupport.dotted(width: 8, height: 2)
        let advanced = canvas.put("abc", x: 2, y: 1, style: TestSupport.red)
        #expect(advanced == 3)
        #expect(canvas.lines() == ["........", "..abc..."])
        #expect(canvas[3, 1].style == TestSupport.red)
        #expect(canvas[5, 1].style == .plain)
    }

    @Test func putStopsAtCanvasEdgeAndClip() {
        var canvas = TestSupport.dotted(width: 6, height: 1)
        #expect(canvas.put("abcdef", x: 3, y: 0, style: .plain) == 3)
        #expect(canvas.lines() == ["...abc"])
        var clipped = TestSupport.dotted(width: 6, height: 1)
        let clip = Rect(x: 1, y: 0, width: 3, height: 1)
        #expect(clipped.put("wxyz", x: 0, y: 0, style: .plain, clip: clip) == 4)
        #expect(clipped.lines() == [".xyz.."])
    }

    @Test func putOutsideRowsWritesNothing() {
        var canvas = TestSupport.dotted(width: 4, height: 2)
        canvas.put("ab", x: 0, y: 2, style: .plain)
        canvas.put("ab", x: 0, y: -1, style: .plain)
        canvas.put("ab", x: 0, y: 0, style: .plain, clip: Rect(x: 0, y: 1, width: 4, height: 1))
        #expect(canvas.lines() == ["....", "...."])
    }

    @Test func wideCharactersTakeTwoCells() {
        var canvas = TestSupport.dotted(width: 6, height: 1)
        #expect(canvas.put("a漢b", x: 0, y: 0, style: .plain) == 4)
        #expect(canvas[1, 0] == Cell(grapheme: "漢", width: 2, style: .plain))
        #expect(canvas[2, 0].isTrailingHalf)
        #expect(canvas[3, 0].grapheme == "b")
        #expect(canvas.lines() == ["a漢b.."])
        #expect(TestSupport.widePairsIntact(canvas))
    }

    @Test func emojiPresentationIsWide() {
        #expect(CharacterWidth.of("🚀" as Character) == 2)
        #expect(CharacterWidth.of("❤️" as Character) == 2)  // U+2764 + VS16
        #expect(CharacterWidth.of("é" as Character) == 1)  // e + combining acute is one cluster
        #expect(CharacterWidth.of("│" as Character) == 1)
        #expect(CharacterWidth.of("Ａ" as Character) == 2)  // fullwidth A
        #expect(CharacterWidth.of("한" as Character) == 2)
    }

    @Test func wideCharacterAtCanvasEdgeBecomesSpace() {
        var canvas = TestSupport.dotted(width: 4, height: 1)
        #expect(canvas.put("ab漢", x: 1, y: 0, style: .plain) == 3)
        #expect(canvas.lines() == [".ab "])
        #expect(TestSupport.widePairsIntact(canvas))
    }

    @Test func wideCharacterStraddlingClipEdgesBecomesSpace() {
        var canvas = TestSupport.dotted(width: 8, height: 1)
        let clip = Rect(x: 2, y: 0, width: 3, height: 1)
        // "漢" at 1–2 straddles the left edge, "字" at 3–4 fits, "語" at 5 is outside.
        canvas.put("漢字語", x: 1, y: 0, style: .plain, clip: clip)
        #expect(canvas.lines() == [".. 字..."])
        var right = TestSupport.dotted(width: 8, height: 1)
        // "ab" at 2–3, "漢" at 4–5 straddles the right edge at 5.
        right.put("ab漢", x: 2, y: 0, style: .plain, clip: clip)
        #expect(right.lines() == ["..ab ..."])
        #expect(TestSupport.widePairsIntact(right))
    }

    @Test func overwritingHalfOfWideCharacterBlanksTheOtherHalf() {
        var canvas = TestSupport.dotted(width: 6, height: 1)
        canvas.put("漢字", x: 0, y: 0, style: .plain)
        canvas.put("x", x: 1, y: 0, style: .plain)  // trailing half of 漢
        canvas.put("y", x: 2, y: 0, style: .plain)  // leading half of 字
        #expect(canvas.lines() == [" xy .."])
        #expect(TestSupport.widePairsIntact(canvas))
        canvas.put("漢", x: 3, y: 0, style: .plain)  // over the old trailing half at 3
        #expect(canvas.lines() == [" xy漢."])
        #expect(TestSupport.widePairsIntact(canvas))
    }

    @Test func setAndFillRespectClipAndBounds() {
        var canvas = TestSupport.dotted(width: 5, height: 3)
        canvas.fill(Rect(x: 3, y: 1, width: 10, height: 10), grapheme: "#", style: .plain)
        canvas.set(x: 0, y: 0, cell: Cell(grapheme: "A"), clip: Rect(x: 1, y: 0, width: 2, height: 1))
        canvas.set(x: 1, y: 0, cell: Cell(grapheme: "B"), clip: Rect(x: 1, y: 0, width: 2, height: 1))
        canvas.set(x: 4, y: 0, cell: Cell(grapheme: "漢", width: 2))  // no room for the trailing half
        #expect(canvas.lines() == [".B.. ", "...##", "...##"])
    }

    @Test func fillWithWideGraphemePadsOddColumn() {
        var canvas = TestSupport.dotted(width: 5, height: 1)
        canvas.fill(Rect(x: 0, y: 0, width: 5, height: 1), grapheme: "漢", style: .plain)
        #expect(canvas.lines() == ["漢漢 "])
        #expect(TestSupport.widePairsIntact(canvas))
    }

    @Test func controlCharactersAreDropped() {
        var canvas = TestSupport.dotted(width: 4, height: 1)
        #expect(canvas.put("a\tb\u{1B}", x: 0, y: 0, style: .plain) == 2)
        #expect(canvas.lines() == ["ab.."])
    }
}

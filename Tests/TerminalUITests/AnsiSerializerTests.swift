import Foundation
import Testing
@testable import TerminalUI

@Suite struct AnsiSerializerTests {
    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\u{1B}", with: "⎋")
    }

    @Test func cursorMovesOnlyWhenNeededAndSGROnlyOnStyleChange() {
        let red = Style(fg: .ansi(1))
        let runs = [
            CellRun(x: 0, y: 0, cells: [Cell(grapheme: "a"), Cell(grapheme: "b", style: red)]),
            CellRun(x: 2, y: 0, cells: [Cell(grapheme: "c", style: red)]),  // cursor already at x 2
            CellRun(x: 5, y: 2, cells: [Cell(grapheme: "d", style: red)]),
        ]
        #expect(Self.text(AnsiSerializer().serialize(runs)) == "⎋[1;1H⎋[0ma⎋[0;31mbc⎋[3;6Hd⎋[0m")
    }

    @Test func gapsOnTheSameRowUseRelativeMoves() {
        let runs = [
            CellRun(x: 0, y: 0, cells: [Cell(grapheme: "a")]),
            CellRun(x: 5, y: 0, cells: [Cell(grapheme: "b")]),  // cursor at 1: 4 columns right
            CellRun(x: 7, y: 0, cells: [Cell(grapheme: "c")]),  // cursor at 6: one column
            CellRun(x: 2, y: 0, cells: [Cell(grapheme: "d")]),  // leftwards: absolute move
        ]
        #expect(Self.text(AnsiSerializer().serialize(runs)) == "⎋[1;1H⎋[0ma⎋[4Cb⎋[Cc⎋[1;3Hd⎋[0m")
    }

    @Test func wideCharactersAdvanceTheCursorByTwo() {
        let runs = [
            CellRun(x: 0, y: 0, cells: [Cell(grapheme: "漢", width: 2), Cell(grapheme: "", width: 0)]),
            CellRun(x: 2, y: 0, cells: [Cell(grapheme: "x")]),
        ]
        #expect(Self.text(AnsiSerializer().serialize(runs)) == "⎋[1;1H⎋[0m漢x⎋[0m")
    }

    @Test func colourEncodingsAndDepth() {
        let style = Style(fg: .rgb(1, 2, 3), bg: .ansi(200), attributes: [.bold, .underline])
        let run = [CellRun(x: 0, y: 0, cells: [Cell(grapheme: "z", style: style)])]
        #expect(Self.text(AnsiSerializer(depth: .trueColor).serialize(run)) == "⎋[1;1H⎋[0;1;4;38;2;1;2;3;48;5;200mz⎋[0m")
        // 16 colours: (1,2,3) → black (30); index 200 = (255,0,215) → bright magenta (105).
        #expect(Self.text(AnsiSerializer(depth: .ansi16).serialize(run)) == "⎋[1;1H⎋[0;1;4;30;105mz⎋[0m")
        #expect(Self.text(AnsiSerializer(depth: .monochrome).serialize(run)) == "⎋[1;1H⎋[0;1;4mz⎋[0m")
        let bright = [CellRun(x: 0, y: 0, cells: [Cell(grapheme: "z", style: Style(fg: .ansi(9), bg: .ansi(4)))])]
        #expect(Self.text(AnsiSerializer().serialize(bright)) == "⎋[1;1H⎋[0;91;44mz⎋[0m")
    }

    @Test func nothingChangedWritesNothing() {
        #expect(AnsiSerializer().serialize([]).isEmpty)
    }

    @Test func outputIsProportionalToChange() {
        var old = Canvas(width: 100, height: 40)
        old.put(String(repeating: "x", count: 100), x: 0, y: 5, style: .plain)
        var new = old
        new.put("y", x: 50, y: 20, style: Style(fg: .ansi(2)))
        let serializer = AnsiSerializer()
        let small = serializer.serialize(new.diff(from: old)).count
        let full = serializer.serialize(new.diff(from: nil)).count
        // One cell: a cursor move (8 bytes), an SGR (7), the glyph, the reset (4).
        #expect(small == 8 + 7 + 1 + 4)
        #expect(full > 4000)
    }
}

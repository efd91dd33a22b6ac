import Testing
@testable import TerminalUI

@Suite struct CanvasDiffTests {
    @Test func noPreviousFrameSendsEveryRow() {
        let canvas = Canvas(width: 3, height: 2)
        let runs = canvas.diff(from: nil)
        #expect(runs.map(\.x) == [0, 0])
        #expect(runs.map(\.y) == [0, 1])
        #expect(runs.map(\.cells.count) == [3, 3])
    }

    @Test func resizeSendsEverything() {
        let old = Canvas(width: 3, height: 2)
        let new = Canvas(width: 4, height: 2)
        #expect(new.diff(from: old).map(\.cells.count) == [4, 4])
    }

    @Test func identicalFramesProduceNoRuns() {
        var canvas = Canvas(width: 10, height: 3)
        canvas.put("hello", x: 1, y: 1, style: TestSupport.red)
        #expect(canvas.diff(from: canvas).isEmpty)
    }

    @Test func onlyChangedCellsAreSent() {
        var old = Canvas(width: 10, height: 3)
        old.put("hello world", x: 0, y: 1, style: .plain)
        var new = old
        new.put("J", x: 0, y: 1, style: .plain)  // "Jello"
        new.put("W", x: 6, y: 1, style: .plain)  // "World"
        new.put("o", x: 4, y: 1, style: TestSupport.red)  // same text, new style
        new.put("zz", x: 8, y: 2, style: .plain)
        let runs = new.diff(from: old)
        #expect(runs.map { "\($0.x),\($0.y):" + $0.cells.map(\.grapheme).joined() } == ["0,1:J", "4,1:o", "6,1:W", "8,2:zz"])
    }

    @Test func runsIncludeBothHalvesOfWideCharacters() {
        var old = Canvas(width: 6, height: 1)
        old.put("漢字", x: 0, y: 0, style: .plain)
        var new = old
        new.restyle(Rect(x: 3, y: 0, width: 1, height: 1)) { $0.fg(.ansi(1)) }  // only the trailing half of 字
        let runs = new.diff(from: old)
        #expect(runs.count == 1)
        #expect(runs[0].x == 2)
        #expect(runs[0].cells.map(\.grapheme) == ["字", ""])
    }
}

import Testing
@testable import TerminalUI

@Suite struct TableTests {
    static let rows = [["matmul", "12.5"], ["add", "1.0"], ["softmax_long_name", "3.25"]]
    static let selected = Style(bg: .ansi(4))

    static func table(sortOrder: SortOrder = .descending) -> Table {
        Table(columns: [TableColumn("Name", width: .fill(1)), TableColumn("Time", width: .fixed(6), alignment: .right)],
              rows: rows, sortColumn: 1, sortOrder: sortOrder, selectedStyle: selected)
    }

    @Test func headerSortIndicatorSelectionAndTruncation() {
        var canvas = Canvas(width: 16, height: 3)
        var state = TableState(selected: 2)
        Self.table().render(into: &canvas, area: canvas.bounds, state: &state)
        // 16 columns: "Name" fills 16 − 1 − 6 = 9; two body rows, so row 2 scrolls in (offset 1).
        #expect(state.offset == 1)
        #expect(canvas.lines() == [
            "Name      Time ▼",
            "add          1.0",
            "softmax_…   3.25",
        ])
        #expect((0..<16).allSatisfy { canvas[$0, 2].style == Self.selected })
        #expect((0..<16).allSatisfy { canvas[$0, 1].style == .plain })
    }

    @Test func ascendingIndicator() {
        var canvas = Canvas(width: 16, height: 1)
        var state = TableState()
        Self.table(sortOrder: .ascending).render(into: &canvas, area: canvas.bounds, state: &state)
        #expect(canvas.lines() == ["Name      Time ▲"])
    }

    @Test func scrollingKeepsSelectionVisible() {
        var state = TableState(selected: 0)
        let rowCount = 20
        let visible = 5
        for step in 1...19 {
            state.move(by: 1, rowCount: rowCount)
            state.scrollToSelection(visibleRows: visible, rowCount: rowCount)
            #expect(state.selected == step)
            #expect(state.offset == max(0, step - 4))  // the selection rides the bottom edge
        }
        state.move(by: 1, rowCount: rowCount)
        #expect(state.selected == 19)
        state.move(by: -17, rowCount: rowCount)
        state.scrollToSelection(visibleRows: visible, rowCount: rowCount)
        #expect(state.selected == 2)
        #expect(state.offset == 2)  // scrolled up just enough
    }

    @Test func selectionPastTheEndIsClamped() {
        var canvas = Canvas(width: 16, height: 4)
        var state = TableState(selected: 10)
        Self.table().render(into: &canvas, area: canvas.bounds, state: &state)
        #expect(state.selected == 2)
        #expect(state.offset == 0)
    }

    @Test func wideCharactersInCellsAreCutWhole() {
        var canvas = Canvas(width: 12, height: 2)
        var state = TableState()
        Table(columns: [TableColumn("名前", width: .fixed(5)), TableColumn("x", width: .fill(1))],
              rows: [["漢字漢字", "ok"]]).render(into: &canvas, area: canvas.bounds, state: &state)
        // 5 columns: "漢字" (4) + "…"; a third 漢 would need columns 5–6.
        #expect(canvas.lines() == ["名前  x     ", "漢字… ok    "])
        #expect(TestSupport.widePairsIntact(canvas))
    }

    @Test func columnsThatDoNotFitAreDroppedFromTheRight() {
        var canvas = TestSupport.dotted(width: 8, height: 2)
        var state = TableState()
        // "Time" needs 6 + 1 spacing: with 8 columns "Name" keeps 1, so the layout fits.
        // At 5 columns, 6 + 1 > 5: Time is dropped and Name takes all 5.
        Self.table().render(into: &canvas, area: Rect(x: 0, y: 0, width: 5, height: 2), state: &state)
        #expect(canvas.lines() == ["Name ...", "matm…..."])
    }
}

@Suite struct ScrollbarTests {
    @Test func thumbSizeAndPosition() {
        // 10 of 100 rows in a 10-row track: a 1-row thumb moving over 9 positions.
        #expect(Scrollbar(total: 100, visible: 10, offset: 0).thumb(height: 10)! == (0, 1))
        #expect(Scrollbar(total: 100, visible: 10, offset: 90).thumb(height: 10)! == (9, 1))
        #expect(Scrollbar(total: 100, visible: 10, offset: 45).thumb(height: 10)! == (5, 1))  // 4.5 rounds up
        // Half visible: a 5-row thumb.
        #expect(Scrollbar(total: 20, visible: 10, offset: 10).thumb(height: 10)! == (5, 5))
        #expect(Scrollbar(total: 5, visible: 10, offset: 0).thumb(height: 10) == nil)
    }

    @Test func drawsInTheRightColumn() {
        var canvas = TestSupport.dotted(width: 3, height: 4)
        Scrollbar(total: 8, visible: 4, offset: 4).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["..╎", "..╎", "..┃", "..┃"])
    }
}

@Suite struct HitTestTests {
    @Test func tableRowUnderTheMouse() {
        let table = TableTests.table()
        let area = Rect(x: 0, y: 5, width: 16, height: 3)
        let state = TableState(selected: 2, offset: 1)
        #expect(table.row(atY: 5, area: area, state: state) == nil)  // header
        #expect(table.row(atY: 6, area: area, state: state) == 1)
        #expect(table.row(atY: 7, area: area, state: state) == 2)
        #expect(table.row(atY: 8, area: area, state: state) == nil)
        #expect(table.row(atY: 7, area: area, state: TableState(offset: 2)) == nil)  // past the last row
    }

    @Test func timelineLaneAndTimeUnderTheMouse() {
        let timeline = TimelineLanes(lanes: ["cpu0", "gpu0", "gpu1"], t0: 0, t1: 100)
        let g = timeline.geometry(for: Rect(x: 0, y: 0, width: 25, height: 5))
        #expect(g.lane(atY: 0) == 0 && g.lane(atY: 2) == 1 && g.lane(atY: 4) == 2)
        #expect(g.lane(atY: 1) == nil && g.lane(atY: 5) == nil)
        #expect(g.time(atX: 5) == 0 && g.time(atX: 15) == 50)  // 20 columns for 100 units
        #expect(g.time(atX: 4) == nil && g.time(atX: 25) == nil)
    }

    @Test func moveWithoutSelectionSelectsTheFirstRow() {
        var up = TableState()
        up.move(by: -1, rowCount: 5)
        var down = TableState()
        down.move(by: 3, rowCount: 5)
        #expect(up.selected == 0 && down.selected == 0)
        var empty = TableState(selected: 2)
        empty.move(by: 1, rowCount: 0)
        #expect(empty.selected == nil)
    }
}

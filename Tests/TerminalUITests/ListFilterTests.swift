import Testing
@testable import TerminalUI

@Suite struct FilterStateTests {
    @Test func slashStartsCharsAppendBackspaceEscEnter() {
        var filter = FilterState()
        let r1 = filter.handle(.char("q"))
        #expect(!r1)  // not editing: "q" is left for the app (quit)
        let r2 = filter.handle(.char("/"))
        #expect(r2)
        #expect(filter.isEditing)
        for c in "Mat" { filter.handle(.char(c)) }
        #expect(filter.query == "Mat")
        let r3 = filter.handle(.char("q"))
        #expect(r3)  // while editing, "q" is text
        let r4 = filter.handle(.backspace)
        #expect(r4)
        #expect(filter.query == "Mat")
        let r5 = filter.handle(.enter)
        #expect(r5)
        #expect(!filter.isEditing && filter.query == "Mat")
        let r6 = filter.handle(.escape)
        #expect(r6)  // Esc outside editing clears an active filter
        #expect(filter.query == "" && !filter.isActive)
        let r7 = filter.handle(.escape)
        #expect(!r7)
    }

    @Test func escWhileEditingClearsAndBackspaceOnEmptyLeaves() {
        var filter = FilterState()
        filter.handle(.char("/"))
        filter.handle(.char("x"))
        filter.handle(.escape)
        #expect(filter.query == "" && !filter.isEditing)
        filter.handle(.char("/"))
        filter.handle(.backspace)
        #expect(!filter.isEditing)
    }

    @Test func caseInsensitiveSubstring() {
        let filter = FilterState(query: "mAt")
        #expect(filter.filteredIndices(["matmul", "add", "softmax", "MatVec", "format"]) == [0, 3, 4])
        #expect(FilterState().filteredIndices(["a", "b"]) == [0, 1])
    }
}

@Suite struct ListViewTests {
    static let items = ["matmul", "add", "softmax", "MatVec", "reduce"]

    @Test func filteringWhileTypingShowsQueryAndMatches() {
        var canvas = Canvas(width: 12, height: 4)
        var state = ListState()
        for key: Key in [.char("/"), .char("m"), .char("a"), .char("t")] {
            let r8 = state.handle(key, items: Self.items)
            #expect(r8)
        }
        ListView(items: Self.items).render(into: &canvas, area: canvas.bounds, state: &state)
        #expect(canvas.lines() == ["▶ matmul    ", "  MatVec    ", "            ", "/mat▏       "])
        #expect(canvas[0, 0].style == Style(attributes: .reverse))
        state.handle(.enter, items: Self.items)
        state.handle(.down, items: Self.items)
        #expect(state.selectedItem(in: Self.items) == 3)
    }

    @Test func navigationScrollsTheList() {
        var canvas = Canvas(width: 10, height: 2)
        var state = ListState()
        for _ in 0..<3 { state.handle(.down, items: Self.items) }
        ListView(items: Self.items, marker: "> ").render(into: &canvas, area: canvas.bounds, state: &state)
        #expect(state.selected == 3)
        #expect(canvas.lines() == ["  softmax ", "> MatVec  "])
        state.handle(.end, items: Self.items)
        #expect(state.selectedItem(in: Self.items) == 4)
        state.handle(.home, items: Self.items)
        #expect(state.selectedItem(in: Self.items) == 0)
        let r9 = state.handle(.char("x"), items: Self.items)
        #expect(!r9)
    }

    @Test func noMatchesMeansNoSelection() {
        var canvas = Canvas(width: 10, height: 2)
        var state = ListState()
        for key: Key in [.char("/"), .char("z"), .char("z"), .enter] { state.handle(key, items: Self.items) }
        ListView(items: Self.items).render(into: &canvas, area: canvas.bounds, state: &state)
        #expect(state.selectedItem(in: Self.items) == nil)
        #expect(canvas.lines() == ["          ", "/zz       "])
    }
}

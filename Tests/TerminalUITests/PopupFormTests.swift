import Testing
@testable import TerminalUI

@Suite struct PopupTests {
    @Test func centredClearsBeneathAndShowsHelp() {
        var canvas = TestSupport.dotted(width: 20, height: 7)
        let popup = Popup(title: "Help", width: 12, height: 5, content: HelpContent(bindings: [KeyHint("q", "quit")]))
        #expect(popup.frame(in: canvas.bounds) == Rect(x: 4, y: 1, width: 12, height: 5))
        popup.render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == [
            "....................",
            "....╔ Help ════╗....",
            "....║ q  quit  ║....",
            "....║          ║....",
            "....║          ║....",
            "....╚══════════╝....",
            "....................",
        ])
        #expect(TestSupport.untouchedOutside(Rect(x: 4, y: 1, width: 12, height: 5), in: canvas))
    }

    @Test func shrinksToSmallScreens() {
        var canvas = TestSupport.dotted(width: 6, height: 3)
        Popup(title: "Help", width: 40, height: 10, content: Paragraph("x")).render(into: &canvas, area: canvas.bounds)
        #expect(canvas.lines() == ["╔ H… ╗", "║x   ║", "╚════╝"])  // title room 6 − 4 = 2
    }

    @Test func helpPreferredSizeFitsEveryBinding() {
        let help = HelpContent(bindings: [KeyHint("q", "quit"), KeyHint("Tab", "next panel")])
        // Keys column 3, two spaces, text 10, plus 2 padding and 2 border columns.
        #expect(help.preferredSize.width == 3 + 2 + 10 + 4)
        #expect(help.preferredSize.height == 4)
    }
}

@Suite struct FormTests {
    static func form() -> FormState {
        FormState(fields: [
            FormField(label: "name", validate: { $0.isEmpty ? "required" : nil }),
            FormField(label: "size", validate: { Int($0) == nil ? "must be a number" : nil }),
        ])
    }

    @Test func editingTabValidationAndSubmit() {
        var state = Self.form()
        for c in "ab" {
            let r1 = state.handle(.char(c))
            #expect(r1 == .none)
        }
        state.handle(.tab)
        #expect(state.focus == 1)
        for c in "1x" { state.handle(.char(c)) }
        let r2 = state.handle(.enter)
        #expect(r2 == .rejected)
        #expect(state.focus == 1)
        #expect(state.visibleError(1) == "must be a number")
        state.handle(.backspace)
        let r3 = state.handle(.enter)
        #expect(r3 == .submitted(["ab", "1"]))
    }

    @Test func rejectedSubmitFocusesFirstInvalidAndShowsUntouchedErrors() {
        var state = Self.form()
        state.handle(.tab)
        state.handle(.char("5"))
        #expect(state.visibleError(0) == nil)  // untouched: no error yet
        let r4 = state.handle(.enter)
        #expect(r4 == .rejected)
        #expect(state.focus == 0)
        #expect(state.visibleError(0) == "required")
    }

    @Test func cursorMovesAndInsertsInTheMiddle() {
        var state = Self.form()
        for c in "ab" { state.handle(.char(c)) }
        state.handle(.tab)
        state.handle(.backTab)
        state.handle(.left)
        state.handle(.char("X"))
        #expect(state.fields[0].text == "aXb")
        state.handle(.home)
        state.handle(.delete)
        #expect(state.fields[0].text == "Xb")
        state.handle(.right)
        state.handle(.right)
        state.handle(.right)  // already at the end
        state.handle(.char("!"))
        #expect(state.fields[0].text == "Xb!")
        let r5 = state.handle(.escape)
        #expect(r5 == .cancelled)
    }

    @Test func renderShowsLabelsTextCursorAndMessage() {
        var canvas = TestSupport.dotted(width: 20, height: 4)
        var state = Self.form()
        for c in "ab" { state.handle(.char(c)) }
        state.handle(.tab)
        for c in "1x" { state.handle(.char(c)) }
        let form = Form(errorStyle: TestSupport.red)
        form.render(into: &canvas, area: canvas.bounds, state: &state)
        // Labels are 4 wide + 1: text boxes start at x 5 and are 15 wide; the message
        // "must be a number" (16) is cut to 15.
        #expect(canvas.lines() == [
            "name ab             ",
            "                    ",
            "size 1x             ",
            "     must be a numb…",
        ])
        #expect(canvas[7, 2].style.attributes.contains(.reverse))  // cursor after "1x"
        #expect(!canvas[6, 2].style.attributes.contains(.reverse))
        #expect(!canvas[7, 0].style.attributes.contains(.reverse))  // unfocused field: no cursor
        #expect(canvas[5, 3].style == TestSupport.red)
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        var canvas = Canvas(width: 8, height: 1)
        var state = FormState(fields: [FormField(label: "n", text: "abcdefghij")])
        Form().render(into: &canvas, area: canvas.bounds, state: &state)
        // Box is 6 wide (x 2–7); cursor after "j" needs a cell, so "fghij" + cursor.
        #expect(canvas.lines() == ["n fghij "])
        #expect(canvas[7, 0].style.attributes.contains(.reverse))
    }
}

import Testing
import TerminalUI

@Suite struct TerminalErrorTests {
    @Test func exit_statuses() {
        #expect(TerminalError.notATerminal.exitStatus == 2)
        #expect(TerminalError.signal(2).exitStatus == 130)
        #expect(TerminalError.signal(15).exitStatus == 143)
        #expect(TerminalError.signal(1).exitStatus == 129)
        #expect(TerminalError.alreadyOpen.exitStatus == 1)
    }

    @Test func not_a_terminal_points_to_the_headless_mode() {
        #expect(TerminalError.notATerminal.description.contains("streamtop run"))
    }

    @Test func too_small_check_and_message() {
        let needed = TerminalSize(width: 80, height: 24)
        #expect(TerminalError.checkSize(TerminalSize(width: 80, height: 24), needed: needed) == nil)
        #expect(TerminalError.checkSize(TerminalSize(width: 200, height: 60), needed: needed) == nil)
        let error = TerminalError.checkSize(TerminalSize(width: 79, height: 30), needed: needed)
        #expect(error == .tooSmall(width: 79, height: 30, needed: needed))
        #expect(error?.description == "terminal too small: 79×30 (needs 80×24)")
        #expect(TerminalError.checkSize(TerminalSize(width: 100, height: 23), needed: needed) != nil)
    }
}

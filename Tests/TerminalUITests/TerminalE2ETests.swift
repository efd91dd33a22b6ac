import Foundation
import Testing
import TmuxTesting

/// End-to-end: the real terminal layer in `tui-harness`, driven through tmux. Each test owns
/// its tmux server, so they run in parallel. Needs `swift build` (the harness) and tmux.
@Suite(.enabled(if: TerminalTmuxPane.ready, "needs tmux and a built tui-harness (run `swift build` first)"))
struct TerminalE2ETests {
    let harness = TerminalTmuxPane.harnessPath ?? "tui-harness"

    /// Starts the harness in `pane` and waits for its first frame; returns its pid.
    private func startHarness(in pane: TerminalTmuxPane, environment: String = "") throws -> Int32 {
        let pidfile = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(pane.socket).pid").path
        try? FileManager.default.removeItem(atPath: pidfile)
        try pane.type("clear; \(environment) \(harness) --pidfile \(pidfile)")
        try pane.waitFor("the first frame") { $0.contains("┌─ tui-harness ─") && $0.contains("last: none") }
        let text = try String(contentsOfFile: pidfile, encoding: .utf8)
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TmuxError("bad pidfile: \(text)")
        }
        return pid
    }

    private func isRunning(_ pid: Int32) -> Bool {
        Glibc.kill(pid, 0) == 0 || errno != ESRCH
    }

    @Test func draws_box_title_size_and_wide_text_handles_keys_mouse_resize_and_quits() throws {
        let pane = try TerminalTmuxPane(name: "draw")
        defer { pane.kill() }
        _ = try startHarness(in: pane)
        let screen = try pane.capture()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("┌─ tui-harness ─"))
        #expect(lines[0].hasSuffix("┐") && lines[0].count == 100)
        #expect(lines[29].hasPrefix("└") && lines[29].hasSuffix("┘"))
        #expect(lines[2].contains("size 100x30"))
        #expect(lines[3].contains("│ 宽字符 ⣿⣷⣦ ▁▃▅█ "))
        // Wide characters take two columns each, so the right border stays aligned.
        #expect(lines[3].hasSuffix("│") && lines[3].count == 100 - 3)
        #expect(lines[5].contains("depth ansi256"))
        #expect(try pane.modes() == "alt=1 mouse=1 sgr=1 cursor=0 keypad=1")
        // Colour goes through curses pairs: title rgb(255,200,0) bold → palette 220.
        let colored = try pane.capture(escapes: true)
        #expect(colored.contains("38;5;220"), "title colour missing in:\n\(colored.prefix(400))")

        try pane.keys("x")
        try pane.waitFor(text: "last: key(char(x))")
        try pane.keys("Up")
        try pane.waitFor(text: "last: key(up)")
        try pane.keys("F5")
        try pane.waitFor(text: "last: key(f5)")
        try pane.keys("BTab")
        try pane.waitFor(text: "last: key(backTab)")
        try pane.keys("Escape")
        try pane.waitFor(text: "last: key(escape)")
        // SGR 1006 reports, 1-based: press left at column 5 row 6, then wheel down.
        try pane.raw("\u{1B}[<0;5;6M")
        try pane.waitFor(text: "last: mouse(press(left) 4,5)")
        try pane.raw("\u{1B}[<65;7;8M")
        try pane.waitFor(text: "last: mouse(wheelDown 6,7)")

        try pane.tmux(["resize-window", "-x", "80", "-y", "24"])
        let resized = try pane.waitFor(text: "size 80x24")
        #expect(resized.contains("last: resize(80x24)"))
        let top = resized.split(separator: "\n").first.map(String.init) ?? ""
        #expect(top.hasPrefix("┌─ tui-harness ─") && top.count == 80 && top.hasSuffix("┐"))

        try pane.keys("q")
        try pane.waitForShell()
        #expect(try pane.statusAndTTY() == "icanon,echo,status=0")
        #expect(try pane.modes() == TerminalTmuxPane.restoredModes)
    }

    @Test func sigterm_restores_the_terminal_and_exits_143() throws {
        let pane = try TerminalTmuxPane(name: "term")
        defer { pane.kill() }
        let pid = try startHarness(in: pane)
        #expect(Glibc.kill(pid, SIGTERM) == 0)
        try pane.waitForShell()
        #expect(try pane.statusAndTTY() == "icanon,echo,status=143")
        #expect(try pane.modes() == TerminalTmuxPane.restoredModes)
    }

    @Test func ctrl_c_restores_the_terminal_and_exits_130() throws {
        let pane = try TerminalTmuxPane(name: "int")
        defer { pane.kill() }
        _ = try startHarness(in: pane)
        try pane.keys("C-c")
        try pane.waitForShell()
        #expect(try pane.statusAndTTY() == "icanon,echo,status=130")
        #expect(try pane.modes() == TerminalTmuxPane.restoredModes)
    }

    @Test func an_error_thrown_out_of_the_loop_restores_and_exits_3() throws {
        let pane = try TerminalTmuxPane(name: "err")
        defer { pane.kill() }
        _ = try startHarness(in: pane)
        try pane.keys("E")
        try pane.waitForShell()
        #expect(try pane.capture().contains("tui-harness: harness error requested with E"))
        #expect(try pane.statusAndTTY() == "icanon,echo,status=3")
        #expect(try pane.modes() == TerminalTmuxPane.restoredModes)
    }

    @Test func a_crash_signal_restores_before_the_default_action() throws {
        let pane = try TerminalTmuxPane(name: "abrt")
        defer { pane.kill() }
        // The Swift backtracer would otherwise wait for a key on a TTY.
        _ = try startHarness(in: pane, environment: "SWIFT_BACKTRACE=interactive=no")
        try pane.keys("A")
        try pane.waitForShell()
        if ProcessInfo.processInfo.environment["STREAMTOP_SANITIZER"] != nil {
            // A sanitizer runtime intercepts abort() and exits with its own status; the tty must
            // still be restored.
            let state = try pane.statusAndTTY()
            #expect(state.hasPrefix("icanon,echo,status=") && !state.hasSuffix("status=0"))
        } else {
            #expect(try pane.statusAndTTY() == "icanon,echo,status=134")
        }
        #expect(try pane.modes() == TerminalTmuxPane.restoredModes)
    }

    @Test func no_color_is_monochrome_and_colorterm_is_capped_by_terminfo() throws {
        let pane = try TerminalTmuxPane(name: "color")
        defer { pane.kill() }
        _ = try startHarness(in: pane, environment: "NO_COLOR=1")
        try pane.waitFor(text: "depth monochrome")
        try pane.keys("q")
        try pane.waitForShell()
        _ = try startHarness(in: pane, environment: "COLORTERM=truecolor")
        try pane.waitFor(text: "depth ansi256")
        try pane.keys("q")
        try pane.waitForShell()
        #expect(try pane.statusAndTTY() == "icanon,echo,status=0")
        #expect(try pane.modes() == TerminalTmuxPane.restoredModes)
    }

    @Test func exported_LINES_and_COLUMNS_do_not_override_the_real_size() throws {
        let pane = try TerminalTmuxPane(name: "env")
        defer { pane.kill() }
        _ = try startHarness(in: pane, environment: "LINES=10 COLUMNS=20")
        try pane.waitFor(text: "size 100x30")
        try pane.tmux(["resize-window", "-x", "90", "-y", "25"])
        try pane.waitFor(text: "size 90x25")
        try pane.keys("q")
        try pane.waitForShell()
    }

    @Test func hangup_from_a_killed_session_leaves_no_process() throws {
        let pane = try TerminalTmuxPane(name: "hup")
        let pid = try startHarness(in: pane)
        pane.kill()
        let deadline = Date().addingTimeInterval(10)
        while isRunning(pid) && Date() < deadline { usleep(50_000) }
        #expect(!isRunning(pid), "tui-harness \(pid) survived SIGHUP")
    }

    @Test func stdout_not_a_tty_exits_2_with_a_headless_hint() throws {
        let result = try TerminalTmuxPane.run([harness])  // stdout is a file here
        #expect(result.status == 2)
        #expect(result.output.contains("needs an interactive terminal"))
        #expect(result.output.contains("streamtop run"))
    }

    @Test func piped_through_cat_in_a_real_shell_exits_2() throws {
        let pane = try TerminalTmuxPane(name: "pipe")
        defer { pane.kill() }
        try pane.type("\(harness) | cat; echo \"pipestatus=${PIPESTATUS[0]}\"")
        let screen = try pane.waitFor(text: "pipestatus=2")
        // The pane wraps long lines at 100 columns.
        #expect(screen.replacingOccurrences(of: "\n", with: "").contains("for headless use, try `streamtop run`"))
    }
}

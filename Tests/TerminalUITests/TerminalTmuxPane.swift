import TmuxTesting

/// The shared tmux pane, driving `tui-harness`.
typealias TerminalTmuxPane = TmuxPane

extension TmuxPane {
    /// The `tui-harness` executable next to the test binary, or `$TUI_HARNESS`.
    static let harnessPath = TmuxPane.executable(named: "tui-harness", override: "TUI_HARNESS")

    static var ready: Bool { harnessPath != nil && tmuxAvailable }

    convenience init(name: String, width: Int = 100, height: Int = 30) throws {
        try self.init(name: name, width: width, height: height, liveMarker: "┌─ tui-harness")
    }
}

import TmuxTesting

/// The shared tmux pane (TmuxTesting), driving the `streamtop` binary.
extension TmuxPane {
    /// The `streamtop` executable next to the test binary, or `$STREAMTOP_BIN`.
    static let binaryPath = TmuxPane.executable(named: "streamtop", override: "STREAMTOP_BIN")

    static var ready: Bool { binaryPath != nil && tmuxAvailable }

    convenience init(name: String, width: Int = 100, height: Int = 30) throws {
        try self.init(name: name, width: width, height: height, liveMarker: "╭ 1 Timeline")
    }
}

typealias DashboardE2EError = TmuxError

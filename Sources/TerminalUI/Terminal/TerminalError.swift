/// A terminal size in cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)×\(height)" }
}

/// Why the terminal layer could not start or stopped.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a TTY (piped, redirected, CI).
    case notATerminal
    /// `newterm` found no usable terminal description for `TERM`.
    case unknownTerminal(String)
    /// Only one `Terminal` may be open per process (curses state is global).
    case alreadyOpen
    /// The window is smaller than the layout needs.
    case tooSmall(width: Int, height: Int, needed: TerminalSize)
    /// SIGINT, SIGTERM or SIGHUP arrived; the terminal has been (or will be) restored.
    case signal(Int32)

    /// `tooSmall` if `size` is below `needed` in either dimension, else nil.
    public static func checkSize(_ size: TerminalSize, needed: TerminalSize) -> TerminalError? {
        guard size.width < needed.width || size.height < needed.height else { return nil }
        return .tooSmall(width: size.width, height: size.height, needed: needed)
    }

    /// The process exit status a front end should use: 2 for usage problems (like a missing
    /// TTY), 128+signo for signals (what a shell reports for a signal death), 1 otherwise.
    public var exitStatus: Int32 {
        switch self {
        case .notATerminal: return 2
        case .signal(let signo): return 128 + signo
        case .unknownTerminal, .alreadyOpen, .tooSmall: return 1
        }
    }

    public var description: String {
        switch self {
        case .notATerminal:
            return "the dashboard needs an interactive terminal (stdin and stdout must be a TTY); "
                + "for headless use, try `streamtop run`"
        case .unknownTerminal(let term):
            return "cannot use terminal type '\(term)' (no terminfo entry?); try TERM=xterm-256color"
        case .alreadyOpen:
            return "a terminal session is already open in this process"
        case .tooSmall(let width, let height, let needed):
            return "terminal too small: \(width)×\(height) (needs \(needed.width)×\(needed.height))"
        case .signal(let signo):
            return "interrupted by signal \(signo)"
        }
    }
}

import Foundation
import Glibc

/// The interactive terminal: owns the ncurses session on stdin/stdout, presents canvases,
/// reads input, and restores the terminal however the program ends.
///
/// Not `Sendable`: curses is single-threaded, so use a `Terminal` from one thread (the UI
/// loop) and hand canvases to it. Only one may be open per process.
public final class Terminal {
    /// The depth colours are drawn with (see `ColorSupport.depth`).
    public let colorDepth: ColorDepth
    /// Counters of the last `present`.
    public private(set) var lastFrameStats = FrameStats()
    /// Counters summed over every `present`.
    public private(set) var totalStats = FrameStats()
    /// Frames presented so far.
    public private(set) var framesPresented = 0

    private var screen: CursesScreen?
    private var presenter: FramePresenter
    private let wakeFD: Int32
    private var currentSize: TerminalSize

    private init(screen: CursesScreen, depth: ColorDepth, wakeFD: Int32) {
        self.screen = screen
        self.colorDepth = depth
        self.wakeFD = wakeFD
        presenter = FramePresenter(depth: depth, colorPairs: screen.colorPairs)
        currentSize = screen.size
    }

    /// Enters curses mode. Throws `.notATerminal` when stdin or stdout is not a TTY (so the
    /// caller can point to the headless mode), `.unknownTerminal` when `TERM` has no usable
    /// terminfo entry, `.alreadyOpen` for a second session.
    public static func open(options: TerminalOptions = TerminalOptions()) throws(TerminalError) -> Terminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard SignalGuard.claimSession() else { throw .alreadyOpen }
        let environment = options.environment ?? ProcessInfo.processInfo.environment
        // Before curses: wide characters come out blank unless the locale is set first.
        setlocale(LC_ALL, "")
        // Exported LINES/COLUMNS override the tty's size in curses, also on every later
        // resize (use_env/use_tioctl do not help there): a full-screen UI must ignore them.
        unsetenv("LINES")
        unsetenv("COLUMNS")
        SignalGuard.prepare()
        guard let screen = CursesScreen(
            termName: nil, mouse: options.mouse, escapeDelayMilliseconds: options.escapeDelayMilliseconds)
        else {
            _ = SignalGuard.finish(wakeReadFD: -1)
            SignalGuard.releaseSession()
            throw .unknownTerminal(environment["TERM"] ?? "")
        }
        let wakeFD = SignalGuard.install()
        var depth = ColorSupport.depth(
            environment: environment, terminalColors: screen.colors, directColor: screen.directColor)
        if let forced = options.colorDepth { depth = min(forced, depth) }
        return Terminal(screen: screen, depth: depth, wakeFD: wakeFD)
    }

    /// Opens a terminal, runs `body`, and closes it whether `body` returns or throws.
    /// A termination signal surfaces as `TerminalError.signal` from `poll`; use its
    /// `exitStatus` (128+signo) after this returns.
    public static func withSession<Result>(
        options: TerminalOptions = TerminalOptions(), _ body: (Terminal) throws -> Result
    ) throws -> Result {
        let terminal = try open(options: options)
        defer { terminal.close() }
        return try body(terminal)
    }

    /// The screen size in cells, as of the last input poll (curses applies resizes there).
    public var size: TerminalSize { currentSize }

    /// Whether `close()` has run.
    public var isClosed: Bool { screen == nil }

    /// Draws `canvas` from the top-left corner, sending only what changed since the last
    /// frame (everything after a resize, or when `force` is set: use it for Ctrl-L).
    public func present(_ canvas: Canvas, force: Bool = false) {
        guard let screen else { return }
        if force { presenter.invalidate(physical: true) }
        let stats = presenter.present(canvas, screen: currentSize, to: screen)
        lastFrameStats = stats
        totalStats.add(stats)
        framesPresented += 1
    }

    /// Waits up to `milliseconds` for one input event; nil on timeout. Throws
    /// `TerminalError.signal` when SIGINT, SIGTERM or SIGHUP arrived: leave the loop and let
    /// `close()` (or `withSession`) restore the terminal.
    public func poll(timeout milliseconds: Int) throws(TerminalError) -> InputEvent? {
        guard let screen else { return nil }
        if let signo = SignalGuard.takePending() { throw .signal(signo) }
        // Curses may already hold input (the rest of a paste, a decoded sequence).
        if let event = readEvent(screen) { return event }
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
        ]
        let ready = Glibc.poll(&fds, wakeFD >= 0 ? 2 : 1, Int32(clamping: max(0, milliseconds)))
        if ready > 0, fds[1].revents != 0 { SignalGuard.drain(wakeFD) }
        if let signo = SignalGuard.takePending() { throw .signal(signo) }
        // The tty is gone but SIGHUP was ignored (nohup): same meaning, and polling a hung-up
        // fd would spin.
        if ready > 0, fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { throw .signal(SIGHUP) }
        // Also after EINTR: SIGWINCH interrupts poll and curses reports KEY_RESIZE on the next read.
        return ready == 0 ? nil : readEvent(screen)
    }

    /// Leaves curses mode and restores the terminal (cursor, echo, line mode, mouse off,
    /// main screen). Idempotent. A termination signal that arrived after the last `poll`
    /// is re-delivered afterwards with its original disposition.
    public func close() {
        guard let screen else { return }
        screen.end()
        self.screen = nil
        let unhandled = SignalGuard.finish(wakeReadFD: wakeFD)
        SignalGuard.releaseSession()
        if let unhandled { raise(unhandled) }
    }

    deinit { close() }

    /// Reads without waiting until a modelled event or nothing is left.
    private func readEvent(_ screen: CursesScreen) -> InputEvent? {
        while true {
            switch screen.read(timeoutMilliseconds: 0) {
            case .none:
                return nil
            case .character(let code):
                if let key = KeyDecoder.character(code) { return .key(key) }
            case .keyCode(CursesConstants.keyResize):
                currentSize = screen.size
                // tmux and terminals reflow on resize; do not trust curses' copy of the screen.
                presenter.invalidate(physical: true)
                return .resize(width: currentSize.width, height: currentSize.height)
            case .keyCode(CursesConstants.keyMouse):
                if let m = screen.mouseEvent(), let event = MouseDecoder.event(x: m.x, y: m.y, buttons: m.buttons) {
                    return .mouse(event)
                }
            case .keyCode(let code):
                if let key = KeyDecoder.keyCode(code) { return .key(key) }
            }
        }
    }
}

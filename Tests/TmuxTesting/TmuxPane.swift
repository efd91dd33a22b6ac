import Foundation

/// A tmux server of its own (unique `-L` socket, no user config) running one bash pane, for
/// black-box tests of a terminal program (`tui-harness`, `streamtop`). Synchronises by polling the
/// screen, never by sleeping. Shared by the TerminalUI and Dashboard end-to-end tests.
public final class TmuxPane {
    public static let prompt = "e2e$"
    public let socket: String
    /// Text that shows while the program under test still owns the screen.
    public let liveMarker: String

    /// The executable `name` next to the test binary (or up to 4 folders above), or `$variable`.
    public static func executable(named name: String, override variable: String) -> String? {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment[variable], fm.isExecutableFile(atPath: path) {
            return path
        }
        let starts = [CommandLine.arguments.first, Bundle.main.executablePath].compactMap { $0 }
        for start in starts {
            var dir = URL(fileURLWithPath: start).standardizedFileURL.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent(name).path
                if fm.isExecutableFile(atPath: candidate) { return candidate }
                dir.deleteLastPathComponent()
            }
        }
        return nil
    }

    public static let tmuxAvailable: Bool = (try? run(["tmux", "-V"]).status) == 0

    /// Starts `bash --norc` in a `width`×`height` window with TERM=xterm-256color.
    public init(name: String, width: Int = 100, height: Int = 30, liveMarker: String) throws {
        self.liveMarker = liveMarker
        socket = "streamtop-e2e-\(getpid())-\(name)-\(UInt32.random(in: 0...UInt32.max))"
        // LINES/COLUMNS would make curses trust them over the real (resizable) window size.
        let shell = "env -u LINES -u COLUMNS -u TMUX TERM=xterm-256color PS1='\(Self.prompt) ' "
            + "HISTFILE=/dev/null bash --norc --noprofile"
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", shell])
        _ = try waitFor("the shell prompt") { $0.contains(Self.prompt) }
    }

    deinit { kill() }

    /// Kills the server (and with it the pane's processes, which get SIGHUP).
    public func kill() {
        _ = try? tmux(["kill-server"], check: false)
    }

    @discardableResult
    public func tmux(_ arguments: [String], check: Bool = true) throws -> String {
        let result = try Self.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments)
        if check && result.status != 0 {
            throw TmuxError("tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)")
        }
        return result.output
    }

    /// Types `text` literally, then presses Enter.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
        try tmux(["send-keys", "Enter"])
    }

    /// Sends tmux key names (`Up`, `C-c`, `q`).
    public func keys(_ names: String...) throws {
        try tmux(["send-keys"] + names)
    }

    /// Sends raw bytes (e.g. an SGR mouse report) as if the terminal had.
    public func raw(_ bytes: String) throws {
        try tmux(["send-keys", "-l", bytes])
    }

    public func capture(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []))
    }

    /// Polls the screen every 50 ms until `condition` holds; throws with the last screen after
    /// `timeout` seconds.
    @discardableResult
    public func waitFor(
        _ what: String, timeout: Double = 10, escapes: Bool = false, _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        repeat {
            screen = try capture(escapes: escapes)
            if condition(screen) { return screen }
            usleep(50_000)
        } while Date() < deadline
        throw TmuxError("timed out after \(timeout) s waiting for \(what); screen:\n\(screen)")
    }

    @discardableResult
    public func waitFor(text: String, timeout: Double = 10) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the program is gone and bash shows its prompt on the main screen.
    public func waitForShell() throws {
        try waitFor("the shell prompt after exit") { screen in
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            return lines.last(where: { !$0.isEmpty }) == Self.prompt && !screen.contains(liveMarker)
        }
    }

    /// The pane's terminal modes as tmux tracks them: alternate screen, mouse reporting
    /// (any, SGR 1006), cursor visibility, application cursor keys.
    public func modes() throws -> String {
        try tmux(["display-message", "-p",
            "alt=#{alternate_on} mouse=#{mouse_any_flag} sgr=#{mouse_sgr_flag} cursor=#{cursor_flag} keypad=#{keypad_cursor_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static let restoredModes = "alt=0 mouse=0 sgr=0 cursor=1 keypad=0"

    /// The exit status of the last command and the tty's line discipline, read by the
    /// shell itself (proves it is usable): e.g. "icanon,echo,status=143".
    public func statusAndTTY() throws -> String {
        let marker = "mark\(UInt16.random(in: 1000...9999))"
        try type("s=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e icanon | tr '\\n' ,; echo \"status=$s \(marker)-ok\"")
        // The typed command line ends in `-ok"`; only the output line ends in `-ok`.
        func outputLine(_ screen: String) -> Substring? {
            screen.split(separator: "\n").last { $0.trimmingCharacters(in: .whitespaces).hasSuffix("\(marker)-ok") }
        }
        let screen = try waitFor("the status line") { outputLine($0) != nil }
        let line = outputLine(screen)!.trimmingCharacters(in: .whitespaces)
        return String(line.dropLast(" \(marker)-ok".count))
    }

    /// Runs a command to completion; stdout and stderr go to a file (a pipe would be held
    /// open forever by the tmux server the first command forks).
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("streamtop-e2e-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let status = try spawnAndWait(arguments, outputPath: path)
        let data = FileManager.default.contents(atPath: path) ?? Data()
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// Like `run`, with standard error kept apart: a JSON document on standard output must not be
    /// cut by a diagnostic written between two of its buffered 4 KiB chunks (seen under ASan).
    public static func runSeparatingErrors(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("streamtop-e2e-\(getpid())-\(UInt64.random(in: 0...UInt64.max))").path
        let outputPath = base + ".out", errorPath = base + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorPath)
        }
        let status = try spawnAndWait(arguments, outputPath: outputPath, errorPath: errorPath)
        let output = FileManager.default.contents(atPath: outputPath) ?? Data()
        let errors = FileManager.default.contents(atPath: errorPath) ?? Data()
        return (status, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    /// posix_spawn with a clean signal state. Test threads (libdispatch workers) block most
    /// signals, and a spawned tmux server would inherit that mask: it could then neither
    /// reap its panes nor be stopped, and nor could the programs in them. Foundation's
    /// `Process` cannot reset the mask.
    static func spawnAndWait(_ arguments: [String], outputPath: String, errorPath: String? = nil) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signo in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGPIPE, SIGWINCH, SIGALRM] {
            sigaddset(&defaults, signo)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let errorPath {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }

        var environment = ProcessInfo.processInfo.environment
        // The program must see only what a test sets (swift test itself may export NO_COLOR).
        for name in ["TMUX", "TMUX_PANE", "LINES", "COLUMNS", "NO_COLOR", "COLORTERM"] { environment[name] = nil }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TmuxError("posix_spawnp \(arguments[0]) failed: \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw TmuxError("waitpid failed: \(errno)") }
        }
        // WIFEXITED/WEXITSTATUS are macros; signal deaths are reported as 128+signo.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

public struct TmuxError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

import Foundation

/// A tmux server of its own (unique `-L` socket, no user config) running one bash pane, for
/// black-box tests of `tui-harness`. Synchronises by polling the screen, never by sleeping.
final class TerminalTmuxPane {
    static let prompt = "e2e$"
    let socket: String

    /// The `tui-harness` executable next to the test binary, or `$TUI_HARNESS`.
    static let harnessPath: String? = {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["TUI_HARNESS"], fm.isExecutableFile(atPath: path) {
            return path
        }
        let starts = [CommandLine.arguments.first, Bundle.main.executablePath].compactMap { $0 }
        for start in starts {
            var dir = URL(fileURLWithPath: start).standardizedFileURL.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("tui-harness").path
                if fm.isExecutableFile(atPath: candidate) { return candidate }
                dir.deleteLastPathComponent()
            }
        }
        return nil
    }()

    static let tmuxAvailable: Bool = (try? run(["tmux", "-V"]).status) == 0

    static var ready: Bool { harnessPath != nil && tmuxAvailable }

    /// Starts `bash --norc` in a `width`×`height` window with TERM=xterm-256color.
    init(name: String, width: Int = 100, height: Int = 30) throws {
        socket = "streamtop-e2e-\(getpid())-\(name)-\(UInt32.random(in: 0...UInt32.max))"
        // LINES/COLUMNS would make curses trust them over the real (resizable) window size.
        let shell = "env -u LINES -u COLUMNS -u TMUX TERM=xterm-256color PS1='\(Self.prompt) ' "
            + "HISTFILE=/dev/null bash --norc --noprofile"
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", shell])
        _ = try waitFor("the shell prompt") { $0.contains(Self.prompt) }
    }

    deinit { kill() }

    /// Kills the server (and with it the pane's processes, which get SIGHUP).
    func kill() {
        _ = try? tmux(["kill-server"], check: false)
    }

    @discardableResult
    func tmux(_ arguments: [String], check: Bool = true) throws -> String {
        let result = try Self.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments)
        if check && result.status != 0 {
            throw E2EError("tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)")
        }
        return result.output
    }

    /// Types `text` literally, then presses Enter.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
        try tmux(["send-keys", "Enter"])
    }

    /// Sends tmux key names (`Up`, `C-c`, `q`).
    func keys(_ names: String...) throws {
        try tmux(["send-keys"] + names)
    }

    /// Sends raw bytes (e.g. an SGR mouse report) as if the terminal had.
    func raw(_ bytes: String) throws {
        try tmux(["send-keys", "-l", bytes])
    }

    func capture(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []))
    }

    /// Polls the screen every 50 ms until `condition` holds; throws with the last screen after
    /// `timeout` seconds.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 10, escapes: Bool = false, _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        repeat {
            screen = try capture(escapes: escapes)
            if condition(screen) { return screen }
            usleep(50_000)
        } while Date() < deadline
        throw E2EError("timed out after \(timeout) s waiting for \(what); screen:\n\(screen)")
    }

    @discardableResult
    func waitFor(text: String, timeout: Double = 10) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the harness is gone and bash shows its prompt on the main screen.
    func waitForShell() throws {
        try waitFor("the shell prompt after exit") { screen in
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            return lines.last(where: { !$0.isEmpty }) == Self.prompt && !screen.contains("┌─ tui-harness")
        }
    }

    /// The exit status of the last command and the tty's line discipline, read by the
    /// shell itself (proves it is usable): e.g. "icanon,echo,status=143".
    func statusAndTTY() throws -> String {
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

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        process.environment = environment
        // Output goes to a file, not a pipe: the tmux server forked by the first command
        // inherits the descriptors and would keep a pipe open forever.
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("streamtop-e2e-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out").path
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let output = FileHandle(forWritingAtPath: path)
        else { throw E2EError("cannot create \(path)") }
        defer { try? FileManager.default.removeItem(atPath: path) }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? output.close()
        let data = FileManager.default.contents(atPath: path) ?? Data()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct E2EError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

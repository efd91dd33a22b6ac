import Foundation

/// `bench dashboard` in a real terminal: this binary's dashboard in a private tmux server
/// (120×40), its process CPU read from /proc/<pid>/stat and its fps read off the status bar.
struct DashboardTmuxRun {
    let fps: Double
    /// The dashboard process's CPU (workload, profiler and UI together), in cores.
    let processCPU: Double
    /// Its main thread's CPU (input, snapshot, layout, drawing, terminal output), in cores.
    let uiThreadCPU: Double
    /// The profiler's collector thread's CPU (draining the recording buffers), in cores.
    let profilerThreadCPU: Double
    let seconds: Double

    /// Starts `streamtop --workload …` in the pane, measures `seconds` after a warm-up, quits with `q`.
    static func measure(workload: String, values: [String: String], seconds: Double) throws -> DashboardTmuxRun {
        let tmux = TmuxDriver()
        defer { tmux.kill() }
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let flags = values.sorted { $0.key < $1.key }.map { "--\($0.key) \($0.value)" }.joined(separator: " ")
        // `exec`: the pane's process is streamtop itself, so pane_pid is the pid to watch.
        let command = "exec \(TmuxDriver.quote(binary)) --workload \(workload) \(flags) --fps 20"
        let pidText = try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", "-P", "-F", "#{pane_pid}", command])
        guard let pid = Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw RuntimeError("bench dashboard: tmux gave no pane pid (\(pidText))")
        }
        // Warm-up: the dashboard draws and the workload's first runs fill the pool.
        let ready = Date().addingTimeInterval(10)
        while try !tmux.run(["capture-pane", "-p"]).contains(" fps ") {
            guard Date() < ready else { throw RuntimeError("bench dashboard: no status bar in tmux after 10 s") }
            usleep(50_000)
        }
        usleep(1_000_000)
        guard let cpu0 = cpuSeconds(pid) else { throw RuntimeError("bench dashboard: /proc/\(pid)/stat is unreadable") }
        let ui0 = cpuSeconds(pid, thread: pid) ?? 0
        let profiler0 = profilerThreadCPU(pid)
        let t0 = FrameClockReading.now()
        usleep(UInt32(seconds * 1e6))
        guard let cpu1 = cpuSeconds(pid) else { throw RuntimeError("bench dashboard: the dashboard (pid \(pid)) exited early") }
        let ui1 = cpuSeconds(pid, thread: pid) ?? 0
        let profiler1 = profilerThreadCPU(pid)
        let wall = FrameClockReading.now() - t0
        let screen = try tmux.run(["capture-pane", "-p"])
        guard let fps = statusFPS(screen) else { throw RuntimeError("bench dashboard: no fps on the status bar:\n\(screen)") }
        _ = try? tmux.run(["send-keys", "q"])
        let gone = Date().addingTimeInterval(5)
        while cpuSeconds(pid) != nil, Date() < gone { usleep(50_000) }
        return DashboardTmuxRun(fps: fps, processCPU: (cpu1 - cpu0) / wall, uiThreadCPU: (ui1 - ui0) / wall,
                                profilerThreadCPU: (profiler1 - profiler0) / wall, seconds: wall)
    }

    /// The CPU seconds of the profiler's collector thread (named "st profiler"), 0 if none.
    static func profilerThreadCPU(_ pid: Int32) -> Double {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for task in tasks {
            guard let tid = Int32(task),
                  let comm = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/comm", encoding: .utf8),
                  comm.trimmingCharacters(in: .newlines) == "st profiler" else { continue }
            return cpuSeconds(pid, thread: tid) ?? 0
        }
        return 0
    }

    /// utime + stime in seconds (fields 14 and 15 of /proc/<pid>/stat, or of one thread's
    /// /proc/<pid>/task/<tid>/stat); nil once it is gone.
    static func cpuSeconds(_ pid: Int32, thread: Int32? = nil) -> Double? {
        let path = thread.map { "/proc/\(pid)/task/\($0)/stat" } ?? "/proc/\(pid)/stat"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm) ": field 3 (state) is index 0, so utime is 11 and stime 12.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, fields[0] != "Z", let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The "NN fps" figure on the status bar (the last line that has one).
    static func statusFPS(_ screen: String) -> Double? {
        for line in screen.split(separator: "\n").reversed() {
            let words = line.split(separator: " ")
            if let i = words.firstIndex(of: "fps"), i > 0, let value = Double(words[i - 1]) { return value }
        }
        return nil
    }
}

/// A tmux server of its own (unique `-L` socket, no user config). Output goes through a file:
/// the server the first command forks would hold a pipe open forever.
struct TmuxDriver {
    let socket = "streamtop-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    static var available: Bool { (try? TmuxDriver().spawn(["tmux", "-V"]).status) == 0 }

    /// Runs one tmux command on this server; a failure names the command and its output.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let result = try spawn(["tmux", "-L", socket, "-f", "/dev/null"] + arguments)
        guard result.status == 0 else {
            throw RuntimeError("bench dashboard: tmux \(arguments.first ?? "") failed (\(result.status)): \(result.output)")
        }
        return result.output
    }

    func kill() { _ = try? spawn(["tmux", "-L", socket, "-f", "/dev/null", "kill-server"]) }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// posix_spawn with an empty signal mask (a server inheriting a blocked SIGCHLD could not reap
    /// its panes) and stdout+stderr into a temporary file; waits for the exit status.
    func spawn(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let path = NSTemporaryDirectory() + "\(socket)-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(path) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var environment = ProcessInfo.processInfo.environment
        for name in ["TMUX", "TMUX_PANE", "LINES", "COLUMNS", "NO_COLOR"] { environment[name] = nil }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard rc == 0 else { throw RuntimeError("bench dashboard: cannot start \(arguments[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let output = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        // WIFEXITED / WEXITSTATUS by hand (the C macros are not imported).
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }
}

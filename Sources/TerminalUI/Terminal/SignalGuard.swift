import Glibc
import Synchronization

// Process-wide state for the signal handlers. A C signal handler cannot capture context,
// so it reads globals; all of them are touched in `prepare()` before any handler is
// installed, so the handlers never run a lazy global initialiser (swift_once is not
// async-signal-safe).

/// Termination signal waiting for the run loop (0 = none).
private let pendingSignal = Atomic<Int32>(0)
/// Write end of the self-pipe that wakes `poll` (-1 = none).
private let wakeWriteFD = Atomic<Int32>(-1)
/// True between `prepare()` and `finish()`: the terminal may need restoring.
private let restoreNeeded = Atomic<Bool>(false)
/// True once `savedTermios` holds the shell's tty mode.
private let haveSavedTermios = Atomic<Bool>(false)
private let atexitRegistered = Atomic<Bool>(false)

// Written only in `prepare()` (before handlers exist), read by handlers afterwards.
nonisolated(unsafe) private let savedTermios = UnsafeMutablePointer<termios>.allocate(capacity: 1)
nonisolated(unsafe) private let savedActions = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(NSIG))

/// Signals that end the program through the run loop: the loop restores and exits 128+signo.
private let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
/// Signals after which the process cannot continue: restore from the handler, then let the
/// previous disposition (default action, or the Swift runtime's backtracer) run.
private let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT]

/// Installs and removes the terminal's signal handlers and holds the async-signal-safe
/// emergency restore. Process-global by nature (dispositions are per process).
enum SignalGuard {
    /// Saves the tty mode and current dispositions; call before curses touches the terminal.
    static func prepare() {
        _ = pendingSignal.load(ordering: .relaxed)
        _ = wakeWriteFD.load(ordering: .relaxed)
        _ = (terminationSignals, crashSignals, savedActions)
        pendingSignal.store(0, ordering: .relaxed)
        if tcgetattr(STDIN_FILENO, savedTermios) == 0 {
            haveSavedTermios.store(true, ordering: .releasing)
        }
        for signo in terminationSignals + crashSignals {
            sigaction(signo, nil, savedActions + Int(signo))
        }
        restoreNeeded.store(true, ordering: .releasing)
        if !atexitRegistered.exchange(true, ordering: .relaxed) {
            // Someone calling exit() mid-session still gets a usable shell back.
            atexit { if restoreNeeded.load(ordering: .acquiring) { emergencyRestore() } }
        }
    }

    /// Installs our handlers (after curses has installed its own, which we replace for the
    /// termination signals so that exit statuses are ours) and returns the wake-up fd to poll.
    static func install() -> Int32 {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            }
            wakeWriteFD.store(fds[1], ordering: .releasing)
        } else {
            fds[0] = -1
        }
        // A parent may have left these blocked (libdispatch worker threads block most
        // signals, and children inherit the mask): then SIGTERM would never reach us and
        // curses would never see SIGWINCH.
        var mask = sigset_t()
        sigemptyset(&mask)
        for signo in terminationSignals + crashSignals + [SIGWINCH, SIGTSTP, SIGCONT] { sigaddset(&mask, signo) }
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        for signo in terminationSignals { setHandler(signo, terminationHandler) }
        for signo in crashSignals { setHandler(signo, crashHandler) }
        return fds[0]
    }

    /// The termination signal received since the last call, if any.
    static func takePending() -> Int32? {
        let signo = pendingSignal.exchange(0, ordering: .acquiringAndReleasing)
        return signo == 0 ? nil : signo
    }

    /// Puts the original dispositions back and closes the self-pipe. Returns a termination
    /// signal that arrived but was never taken, so the caller can re-deliver it.
    static func finish(wakeReadFD: Int32) -> Int32? {
        for signo in terminationSignals + crashSignals {
            sigaction(signo, savedActions + Int(signo), nil)
        }
        restoreNeeded.store(false, ordering: .releasing)
        let write = wakeWriteFD.exchange(-1, ordering: .acquiringAndReleasing)
        if write >= 0 { close(write) }
        if wakeReadFD >= 0 { close(wakeReadFD) }
        return takePending()
    }

    /// Empties the self-pipe after `poll` reported it readable.
    static func drain(_ fd: Int32) {
        var buffer = (UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &buffer, { read(fd, $0.baseAddress, $0.count) }) > 0 {}
    }

    private static func setHandler(_ signo: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocked read/poll should return EINTR promptly
        sigaction(signo, &action, nil)
    }
}

/// SIGINT/SIGTERM/SIGHUP: note it and wake the loop. A second one while the first is still
/// pending means the loop is stuck: restore from here and exit.
private func terminationHandler(_ signo: Int32) {
    let savedErrno = errno
    defer { errno = savedErrno }
    if pendingSignal.exchange(signo, ordering: .acquiringAndReleasing) != 0 {
        emergencyRestore()
        _exit(128 + signo)
    }
    let fd = wakeWriteFD.load(ordering: .acquiring)
    if fd >= 0 {
        var byte = UInt8(truncatingIfNeeded: signo)
        _ = write(fd, &byte, 1)
    }
}

/// SIGSEGV and friends: restore the terminal, put back the previous disposition and
/// re-raise, so the crash is reported (default action or the Swift backtracer) on a sane tty.
private func crashHandler(_ signo: Int32) {
    emergencyRestore()
    sigaction(signo, savedActions + Int(signo), nil)
    // Blocked while this handler runs; delivered with the old disposition when it returns
    // (a faulting instruction would simply fault again).
    raise(signo)
}

/// Async-signal-safe restore: reset sequences via write(2) and the saved termios via
/// tcsetattr(3). No allocation, no curses.
private func emergencyRestore() {
    guard restoreNeeded.exchange(false, ordering: .acquiringAndReleasing) else { return }
    // SGR reset, mouse modes off (X10/1000, 1002, 1003, SGR 1006), keypad transmit off,
    // cursor visible, leave the alternate screen.
    let reset: StaticString = "\u{1B}[0m\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[?1l\u{1B}>\u{1B}[?25h\u{1B}[?1049l\r\n"
    _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
    if haveSavedTermios.load(ordering: .acquiring) {
        _ = tcsetattr(STDIN_FILENO, TCSANOW, savedTermios)
    }
}

/// One curses session per process.
private let sessionOpen = Atomic<Bool>(false)

extension SignalGuard {
    /// Claims the process's single terminal session; false if one is open.
    static func claimSession() -> Bool {
        !sessionOpen.exchange(true, ordering: .acquiringAndReleasing)
    }

    static func releaseSession() {
        sessionOpen.store(false, ordering: .releasing)
    }
}

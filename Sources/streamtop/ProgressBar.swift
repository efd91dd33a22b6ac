import Foundation
import Synchronization

/// A progress bar on stderr for runs longer than a second, drawn only when stderr is a terminal.
/// Lines printed through `print(_:)` clear the bar first so the two never interleave.
final class ProgressBar: Sendable {
    private let permille = Atomic<Int>(0)
    private let finished = Atomic<Bool>(false)
    private let lock = NSLock()
    private let label: String
    private let enabled: Bool
    private let start = Date()

    init(label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.enabled = enabled
        guard enabled else { return }
        let thread = Thread { [self] in
            while !finished.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: 0.1)
                if Date().timeIntervalSince(start) > 1 { draw() }
            }
        }
        thread.start()
    }

    /// Sets the fraction done, 0…1.
    func update(_ fraction: Double) {
        permille.store(Int((min(max(fraction, 0), 1) * 1000).rounded()), ordering: .relaxed)
    }

    /// Prints a line to stdout, clearing the bar first.
    func print(_ line: String) {
        lock.withLock {
            clear()
            Swift.print(line)
            fflush(nil)
        }
    }

    /// Removes the bar for good.
    func finish() {
        finished.store(true, ordering: .releasing)
        lock.withLock { clear() }
    }

    private func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw() {
        lock.withLock {
            guard !finished.load(ordering: .acquiring) else { return }
            let done = permille.load(ordering: .relaxed)
            let width = 30
            let filled = done * width / 1000
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let seconds = Date().timeIntervalSince(start)
            let text = "\r\u{1B}[K" + label + " " + bar + String(format: " %3d%%  %.1f s", done / 10, seconds)
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}

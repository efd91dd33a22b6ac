import Foundation
import Workloads

/// Runs one workload at a time on its own thread, looping until stopped, so the UI thread
/// never waits for the engine. Starting another stops the current one first (a swap); an
/// error ends the loop and is kept for the status bar and a popup.
public final class WorkloadLoop: @unchecked Sendable {
    public enum State: Hashable, Sendable {
        case idle
        case running(name: String, iterations: Int)
        /// Asked to stop; the current iteration is finishing.
        case stopping(name: String)
        case failed(name: String, message: String)
    }

    private let lock = NSLock()
    private var current: State = .idle
    private var generation = 0
    /// Signalled when the running loop has ended; a new start waits on it.
    private var finished: DispatchSemaphore?
    /// Fires to end the current loop mid-run.
    private var token = StopToken()
    /// Completed runs per second of wall time, measured over the current loop.
    private var startedAt: Date?

    public init() {}

    public var state: State { lock.withLock { current } }

    /// Iterations per second since the loop started (0 when idle).
    public var throughput: Double {
        lock.withLock {
            guard case .running(_, let n) = current, let startedAt else { return 0 }
            return Double(n) / max(1e-9, Date().timeIntervalSince(startedAt))
        }
    }

    /// Starts `entry` looping with `values` (after stopping whatever runs).
    public func start(_ entry: WorkloadEntry, values: [String: String]) {
        let (myGeneration, previous, done, stopToken) = lock.withLock { () -> (Int, DispatchSemaphore?, DispatchSemaphore, StopToken) in
            generation += 1
            token.stop()
            token = StopToken()
            let previous = finished
            let done = DispatchSemaphore(value: 0)
            finished = done
            current = .running(name: entry.name, iterations: 0)
            startedAt = Date()
            return (generation, previous, done, token)
        }
        let thread = Thread { [self] in
            previous?.wait()
            previous?.signal()  // others may wait on it too
            defer { done.signal() }
            while isCurrent(myGeneration) {
                do {
                    if let failure = try entry.runOnce(values, stopToken) {
                        lock.withLock {
                            if generation == myGeneration { current = .failed(name: entry.name, message: failure) }
                        }
                        return
                    }
                } catch is WorkloadStopped {
                    return
                } catch {
                    lock.withLock {
                        if generation == myGeneration { current = .failed(name: entry.name, message: "\(error)") }
                    }
                    return
                }
                lock.withLock {
                    if generation == myGeneration, case .running(let name, let n) = current {
                        current = .running(name: name, iterations: n + 1)
                    }
                }
            }
        }
        thread.name = "workload \(entry.name)"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Asks the loop to end after its current iteration; returns at once.
    public func stop() {
        lock.withLock {
            generation += 1
            token.stop()
            switch current {
            case .running(let name, _): current = .stopping(name: name)
            case .failed: current = .idle
            default: break
            }
            let done = finished
            if let done {
                // Flip to idle once the thread is gone, without making the caller wait.
                let stoppedGeneration = generation
                DispatchQueue.global().async { [self] in
                    done.wait()
                    done.signal()
                    lock.withLock { if generation == stoppedGeneration, case .stopping = current { current = .idle } }
                }
            }
        }
    }

    /// Stops and waits up to `timeout` seconds for the loop to end (for quitting).
    @discardableResult
    public func stopAndWait(timeout: Double) -> Bool {
        stop()
        guard let done = lock.withLock({ finished }) else { return true }
        let ended = done.wait(timeout: .now() + timeout) == .success
        if ended { done.signal() }
        return ended
    }

    private func isCurrent(_ g: Int) -> Bool { lock.withLock { generation == g } }
}

import Atomics
import Foundation

/// A background thread that calls `body` every `intervalMs` until stopped (the profiler's collector clock).
final class Ticker: @unchecked Sendable {
    private let stopped = ManagedAtomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init(intervalMs: Int, _ body: @escaping @Sendable () -> Void) {
        let stopped = self.stopped
        let done = self.done
        let thread = Thread {
            while !stopped.load(ordering: .acquiring) {
                usleep(UInt32(intervalMs) * 1000)
                if stopped.load(ordering: .acquiring) { break }
                body()
            }
            done.signal()
        }
        thread.name = "streamtop profiler"
        thread.start()
    }

    /// Stops the thread and waits for it to finish its current round.
    func stop() {
        if stopped.exchange(true, ordering: .acquiringAndReleasing) == false { done.wait() }
    }
}

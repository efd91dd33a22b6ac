import Atomics
import Foundation

/// A background thread that calls `body` every `intervalMs` until stopped (the profiler's collector clock).
final class Ticker: @unchecked Sendable {
    private let stopped = ManagedAtomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    /// The thread's id, so a stop from the thread itself (say, the last reference dropped in `body`) does not wait on itself.
    private let threadID = ManagedAtomic<UInt>(0)

    /// The collector thread's name, at most 15 bytes.
    static let threadName = "st profiler"

    init(intervalMs: Int, _ body: @escaping @Sendable () -> Void) {
        let stopped = self.stopped
        let done = self.done
        let threadID = self.threadID
        let sleepMicros = UInt32(min(max(intervalMs, 1), 60_000) * 1000)
        let thread = Thread {
            threadID.store(UInt(pthread_self()), ordering: .releasing)
            // Linux keeps 15 bytes of a thread name and rejects longer ones (Thread.name included);
            // pthread_setname_np is not imported, so write the name where the kernel keeps it.
            try? Data(Ticker.threadName.utf8).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
            while !stopped.load(ordering: .acquiring) {
                usleep(sleepMicros)
                if stopped.load(ordering: .acquiring) { break }
                body()
            }
            done.signal()
        }
        thread.name = "streamtop profiler"
        thread.start()
    }

    /// Stops the thread and waits for it to finish its current round (unless called from it).
    func stop() {
        guard stopped.exchange(true, ordering: .acquiringAndReleasing) == false else { return }
        if threadID.load(ordering: .acquiring) == UInt(pthread_self()) { return }
        done.wait()
    }
}

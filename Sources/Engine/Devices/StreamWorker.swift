import Foundation
import Glibc

/// The thread behind a CPU stream: runs its tasks strictly in order and publishes a completion
/// counter that consumers on other streams wait on (MLX's fence: only the consumer waits, never a
/// global barrier). The thread starts on first use.
final class StreamWorker: @unchecked Sendable {
    typealias Task = @Sendable () -> Void

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [Task?] = []
    private var head = 0
    private var running = false
    private var started = false
    private var stopping = false
    /// Sequence number of the last task submitted / finished.
    private var submitted: UInt64 = 0
    private var completed: UInt64 = 0
    let name: String

    init(name: String) {
        self.name = name
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(done, nil)
    }

    deinit {
        pthread_cond_destroy(wake)
        pthread_cond_destroy(done)
        pthread_mutex_destroy(mutex)
        wake.deallocate()
        done.deallocate()
        mutex.deallocate()
    }

    /// Lets the thread end once its queue is empty (its stream is gone, so nothing more can come).
    func shutdown() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_signal(wake)
        pthread_mutex_unlock(mutex)
    }

    /// Queues a task; returns its sequence number.
    @discardableResult
    func enqueue(_ task: @escaping Task) -> UInt64 {
        pthread_mutex_lock(mutex)
        if !started {
            started = true
            let thread = Thread { [self] in loop() }
            thread.name = name
            thread.stackSize = 8 << 20
            thread.start()
        }
        queue.append(task)
        submitted += 1
        let seq = submitted
        pthread_cond_signal(wake)
        pthread_mutex_unlock(mutex)
        return seq
    }

    /// Claims the stream for running one task on the caller's thread, when nothing is queued or
    /// running (a thread hand-off costs ~15 µs here; a tiny op costs far less). Returns its
    /// sequence number, or nil when the stream is busy.
    func claimInline() -> UInt64? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard !running, head == queue.count else { return nil }
        running = true
        submitted += 1
        return submitted
    }

    func finishInline(_ seq: UInt64) {
        pthread_mutex_lock(mutex)
        running = false
        completed = seq
        pthread_cond_broadcast(done)
        pthread_cond_signal(wake)
        pthread_mutex_unlock(mutex)
    }

    func isComplete(_ seq: UInt64) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return completed >= seq
    }

    /// Blocks until task `seq` has finished. Spins for up to ~20 µs first: most waits on tiny ops
    /// end within microseconds, and parking costs more than that; longer spins would steal a core
    /// from the work being waited for.
    func wait(for seq: UInt64) {
        if isComplete(seq) { return }  // an inline run, or a task long done: no clock read
        let start = EngineClock.now()
        while EngineClock.now() - start < 20_000 {
            if isComplete(seq) { return }
            sched_yield()
        }
        pthread_mutex_lock(mutex)
        while completed < seq { pthread_cond_wait(done, mutex) }
        pthread_mutex_unlock(mutex)
    }

    /// Waits until everything submitted so far has run.
    func synchronize() {
        pthread_mutex_lock(mutex)
        let target = submitted
        pthread_mutex_unlock(mutex)
        wait(for: target)
    }

    private func loop() {
        while true {
            pthread_mutex_lock(mutex)
            while (head == queue.count || running) && !(stopping && head == queue.count && !running) {
                pthread_cond_wait(wake, mutex)
            }
            if stopping && head == queue.count && !running {
                pthread_mutex_unlock(mutex)
                return
            }
            // Take the task out so what it captured is released as soon as it has run.
            var task = queue[head]
            queue[head] = nil
            head += 1
            if head > 1024, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            running = true
            pthread_mutex_unlock(mutex)
            task?()
            task = nil
            pthread_mutex_lock(mutex)
            running = false
            completed += 1
            pthread_cond_broadcast(done)
            // An inline claimant may be waiting for the stream to go idle.
            pthread_cond_signal(wake)
            pthread_mutex_unlock(mutex)
        }
    }
}

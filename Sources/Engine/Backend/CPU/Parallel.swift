import Dispatch
import Foundation

/// Wraps a value that is safe to share because each worker touches a disjoint part of it.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

enum Parallel {
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Splits `0..<count` across the cores when the work is large enough to pay for the hand-off
    /// (a thread wake-up costs ~15 µs on these VMs); small work runs inline on the caller.
    /// `grain` is the least number of elements worth giving one thread.
    @inline(__always)
    static func forRanges(_ count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        let chunks = min(cores, count / max(grain, 1))
        if chunks <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = count * chunk / chunks
                let end = count * (chunk + 1) / chunks
                shared.value(start..<end)
            }
        }
    }
}

/// Elements per thread below which a cheap elementwise op stays on one thread.
let cheapGrain = 1 << 16
/// Same for transcendental ops (exp, tanh…), where each element costs more.
let mathGrain = 1 << 13
/// Same for the vectorised float32 exp/tanh/sigmoid (`FastMath`): a few times an add, not 20×.
let fastMathGrain = 1 << 14

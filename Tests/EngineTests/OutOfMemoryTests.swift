import Foundation
import Testing

@testable import Engine

/// Running out of memory changes the process-wide pool limit, so these run as exit tests: each
/// body runs in a child process of its own and reports through its exit status.
@Suite("Out of memory")
struct OutOfMemoryTests {
    @Test("OOM while building (scalar constants) or evaluating is an EngineError naming the op, not a crash")
    func outOfMemory() async {
        await #expect(processExitsWith: .success) {
            let x = try! Tensor([1.0, 2, 3])
            let lazy = try! exp(x)  // building allocates nothing
            Memory.clearCache()
            Memory.setMemoryLimit(Memory.statistics().activeBytes)  // no further byte fits
            // Evaluating needs an output buffer.
            guard failsOutOfMemory("exp", { try eval(lazy) }) else { exit(10) }
            // Weak scalars are materialised at build time (as MLX does): must throw, not trap.
            guard failsOutOfMemory("add", { _ = try x + 1.0 }) else { exit(11) }
            guard failsOutOfMemory("multiply", { _ = try x * 2 }) else { exit(12) }
            guard failsOutOfMemory("mean", { _ = try mean(x) }) else { exit(13) }
            // Literals allocate at once too.
            guard failsOutOfMemory("array", { _ = try Tensor([1, 2, 3]) }) else { exit(14) }
            // Raising the limit again makes everything work.
            Memory.setMemoryLimit(1 << 30)
            guard (try? (x + 1.0).toArray(Float.self)) == [2, 3, 4] else { exit(15) }
            // The graph whose eval failed is still pending and evaluates on a retry.
            guard !lazy.isEvaluated, let e = try? lazy.toArray(Float.self),
                Swift.abs(e[2] - Float(Foundation.exp(3.0))) < 1e-4
            else { exit(16) }
            exit(0)
        }
    }
}

/// True when `body` throws an out-of-memory EngineError whose message starts with `op`.
func failsOutOfMemory(_ op: String, _ body: () throws -> Void) -> Bool {
    guard let e = engineError(body) else { return false }
    return e.kind == .outOfMemory && e.description.hasPrefix(op + ":")
}

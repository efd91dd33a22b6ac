import Foundation
import Testing

@testable import Engine

/// The pool is process-wide, and other suites allocate concurrently, so each figure-sensitive check
/// runs in a child process of its own (a Swift Testing exit test) where nothing else allocates.
struct MemoryPoolTests {
    @Test("size classes round small requests to powers of two and large ones to pages")
    func sizeClasses() {
        #expect(MemoryPool.sizeClass(1) == 16)
        #expect(MemoryPool.sizeClass(17) == 32)
        #expect(MemoryPool.sizeClass(1000) == 1024)
        #expect(MemoryPool.sizeClass(16 * 1024) == 16 * 1024)
        #expect(MemoryPool.sizeClass(16 * 1024 + 1) == 20480)
    }

    @Test("a private pool reuses cached blocks, trims to its cache limit and reports hits")
    func privatePoolCache() throws {
        let pool = MemoryPool(name: "test", device: .cpu, allocator: HostAllocator(), memoryLimit: 1 << 30, cacheLimit: 1 << 20)
        do {
            let a = try pool.allocate(4000, op: "t")
            #expect(pool.statistics.activeBytes == 4096)
            _ = a
        }
        #expect(pool.statistics.activeBytes == 0)
        #expect(pool.statistics.cachedBytes == 4096)
        let b = try pool.allocate(3000, op: "t")  // class 4096: a hit
        #expect(pool.statistics.cacheHits == 1)
        #expect(pool.statistics.cachedBytes == 0)
        _ = b
        do { _ = try pool.allocate(2 << 20, op: "t") }  // larger than the cache limit: freed, not cached
        #expect(pool.statistics.cachedBytes <= 1 << 20)
        pool.clearCache()
        #expect(pool.statistics.cachedBytes == 0)
        #expect(pool.statistics.peakBytes >= 2 << 20)
    }

    @Test("allocation past the memory limit is an error naming the op and the bytes; nothing leaks")
    func memoryLimit() throws {
        let pool = MemoryPool(name: "tiny", device: .cpu, allocator: HostAllocator(), memoryLimit: 1 << 20, cacheLimit: 1 << 20)
        let held = try pool.allocate(600 << 10, op: "first")
        do {
            _ = try pool.allocate(600 << 10, op: "second")
            Issue.record("expected an out-of-memory error")
        } catch {
            #expect(error.kind == .outOfMemory)
            #expect(error.description.hasPrefix("second: "))
            #expect(error.description.contains("\(600 << 10) bytes"))
        }
        #expect(pool.statistics.activeBytes == 600 << 10)
        _ = held
    }

    @Test("active memory returns to its baseline after each op family's arrays are dropped")
    func baselineAfterWorkloads() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            func check(_ label: String, _ body: () throws -> Void) {
                let before = Memory.statistics().activeBytes
                do { try body() } catch { print("\(label): \(error)"); exit(2) }
                let after = Memory.statistics().activeBytes
                if after != before { print("\(label): active \(before) → \(after)"); fflush(nil); exit(1) }
            }
            check("elementwise") { try eval(Random.uniform(shape: [1000], key: Random.key(1)) * 2 + 1) }
            check("reductions") { let x = try arange(0, 600).reshaped([20, 30]); try eval(x.sum(axis: 0), argmax(x, axis: 1), softmax(x, axis: 1)) }
            check("matmul") { let x = try ones([64, 32]); try eval(matmul(x, x.T), matmul(arange(0, 6).reshaped([2, 3]), ones([3, 2], dtype: .int32))) }
            check("shape ops") { let x = try arange(0, 24).reshaped([2, 3, 4]); try eval(concatenate([x, x], axis: 1), x.transposed()[0, .stride(nil, nil, by: -1)] + 1) }
            check("random") { try eval(Random.normal(shape: [333], key: Random.key(2))) }
            check("streams") {
                let s = try newStream()
                let x = try ones([4096], stream: .stream(s))
                try eval(exp(x, stream: .stream(s)) + x)
            }
            check("failed op") {
                let limit = Memory.setMemoryLimit(Memory.statistics().activeBytes + (1 << 20))
                defer { Memory.setMemoryLimit(limit) }
                do { try eval(ones([1 << 20])); exit(3) } catch {}
            }
            exit(0)
        }
        if let result, result.exitStatus != .exitCode(0) {
            Issue.record("child said: \(String(decoding: result.standardOutputContent, as: UTF8.self))")
        }
    }

    @Test("an out-of-memory op reaches eval as an error naming it, and the stream stays usable")
    func outOfMemoryOnWorker() async {
        await #expect(processExitsWith: .success) {
            let s = try! newStream(name: "oom")
            Memory.setMemoryLimit(Memory.statistics().activeBytes + (8 << 20))
            let big = try! zeros([16 << 20], stream: .stream(s))  // 64 MiB
            let consumer = try! add(big, ones([16 << 20], stream: .stream(s)), stream: .stream(s))
            do {
                try eval(consumer)
                exit(1)
            } catch let error as EngineError {
                guard error.kind == .outOfMemory, error.description.hasPrefix("full: ") else { print(error); exit(2) }
            } catch {
                exit(4)
            }
            let small = try! add(ones([4], stream: .stream(s)), ones([4], stream: .stream(s)), stream: .stream(s))
            guard (try? small.toArray(Float.self)) == [2, 2, 2, 2] else { exit(3) }
            exit(0)
        }
    }

    @Test("x = exp(x) in a loop reuses x's buffer (donation): active memory does not grow")
    func donation() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
            var x = try! Random.uniform(shape: [1 << 18], key: Random.key(3))
            try! eval(x)
            Memory.resetPeak()
            let before = Memory.statistics().activeBytes
            let allocationsBefore = Memory.statistics().allocations
            for _ in 0..<10 {
                x = try! exp(x) * 0.5
                try! eval(x)
            }
            let stats = Memory.statistics()
            // The scalar constants are 16-byte blocks; the 1 MiB buffer must not be reallocated.
            guard stats.activeBytes <= before + 1024 else { print("active \(before) → \(stats.activeBytes)"); exit(1) }
            guard stats.peakBytes < before + (1 << 20) else { print("peak \(stats.peakBytes) before \(before)"); exit(2) }
            _ = allocationsBefore
            exit(0)
        }
        if let result, result.exitStatus != .exitCode(0) {
            Issue.record("child said: \(String(decoding: result.standardOutputContent, as: UTF8.self))")
        }
    }
}

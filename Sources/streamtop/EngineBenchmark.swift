import CCBLAS
import Engine
import Foundation
import Profiler

/// `streamtop bench engine`: the engine against peers measured in the same run.
struct BenchResult: Encodable {
    let name: String
    let params: [String: String]
    let value: Double
    let unit: String
    let peer: String?
    let peer_value: Double?
    let ratio: Double?
}

/// A raw pointer handed to worker threads that touch disjoint ranges of it.
struct UncheckedPointer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    init(_ pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
}

enum EngineBenchmark {
    static func now() -> Double { Double(EngineClock.now()) / 1e9 }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// Best-of-k median timing of `body`, in seconds.
    static func time(repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<repeats {
            let start = now()
            try body()
            samples.append(now() - start)
        }
        return median(samples)
    }

    static func run(sizes: [Int], quick: Bool) throws -> [BenchResult] {
        var results: [BenchResult] = []
        results += try matmul(sizes: sizes, quick: quick)
        results.append(try perOpOverhead(quick: quick))
        results += try bandwidth(quick: quick)
        results.append(try recorderOverhead(quick: quick))
        return results
    }

    static func matmul(sizes: [Int], quick: Bool) throws -> [BenchResult] {
        var results: [BenchResult] = []
        for n in sizes {
            let a = try Random.uniform(shape: [n, n], key: Random.key(1))
            let b = try Random.uniform(shape: [n, n], key: Random.key(2))
            try eval(a, b)
            let pa = try a.toArray(Float.self)
            let pb = try b.toArray(Float.self)
            var pc = [Float](repeating: 0, count: n * n)
            let repeats = quick ? 3 : (n >= 2048 ? 5 : 9)
            // Interleave engine and peer so machine noise hits both alike.
            var engineTimes: [Double] = []
            var peerTimes: [Double] = []
            try eval(Engine.matmul(a, b))  // warm-up
            for _ in 0..<repeats {
                engineTimes.append(try time(repeats: 1) { try eval(Engine.matmul(a, b)) })
                peerTimes.append(
                    time(repeats: 1) {
                        cblas_sgemm(
                            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, pa, Int32(n), pb,
                            Int32(n), 0, &pc, Int32(n))
                    })
            }
            let flop = 2 * pow(Double(n), 3)
            let engine = flop / median(engineTimes) / 1e9
            let peer = flop / median(peerTimes) / 1e9
            results.append(
                BenchResult(
                    name: "matmul", params: ["n": "\(n)", "dtype": "float32"], value: engine, unit: "GFLOP/s",
                    peer: "cblas_sgemm", peer_value: peer, ratio: engine / peer))
        }
        return results
    }

    static func perOpOverhead(quick: Bool) throws -> BenchResult {
        let a = try Random.uniform(shape: [100], key: Random.key(3))
        let b = try Random.uniform(shape: [100], key: Random.key(4))
        try eval(a, b)
        let iterations = quick ? 500 : 2000
        var samples: [Double] = []
        for _ in 0..<(quick ? 5 : 15) {
            let start = now()
            for _ in 0..<iterations {
                let c = try a + b
                try eval(c)
            }
            samples.append((now() - start) / Double(iterations) * 1e6)
        }
        return BenchResult(
            name: "per-op overhead", params: ["op": "c = a + b; eval(c)", "elements": "100"], value: median(samples),
            unit: "µs", peer: nil, peer_value: nil, ratio: nil)
    }

    static func bandwidth(quick: Bool) throws -> [BenchResult] {
        let count = quick ? 1 << 20 : 1 << 24
        let bytes = count * 4
        let x = try Random.uniform(shape: [count], key: Random.key(5))
        let y = try Random.uniform(shape: [count], key: Random.key(6))
        try eval(x, y)
        let src = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        let dst = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer {
            src.deallocate()
            dst.deallocate()
        }
        memset(src, 1, bytes)
        memset(dst, 0, bytes)
        let repeats = quick ? 3 : 7
        // The engine splits large ops across the cores, so the fair peer is a copy split the same way.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let source = UncheckedPointer(src)
        let target = UncheckedPointer(dst)
        let copySeconds = time(repeats: repeats) {
            DispatchQueue.concurrentPerform(iterations: cores) { k in
                let start = bytes * k / cores
                let end = bytes * (k + 1) / cores
                memcpy(target.pointer + start, source.pointer + start, end - start)
            }
        }
        let copyGBs = Double(2 * bytes) / copySeconds / 1e9
        let peer = "memcpy ×\(cores) threads"
        let addSeconds = try time(repeats: repeats) { try eval(x + y) }
        let expSeconds = try time(repeats: repeats) { try eval(Engine.exp(x)) }
        let addGBs = Double(3 * bytes) / addSeconds / 1e9
        let expGBs = Double(2 * bytes) / expSeconds / 1e9
        let params = ["elements": "\(count)", "dtype": "float32"]
        return [
            BenchResult(name: "add", params: params, value: addGBs, unit: "GB/s", peer: peer, peer_value: copyGBs, ratio: addGBs / copyGBs),
            BenchResult(name: "exp", params: params, value: expGBs, unit: "GB/s", peer: peer, peer_value: copyGBs, ratio: expGBs / copyGBs),
        ]
    }

    /// A busy graph (many small and medium ops over two streams) with and without a recorder.
    static func recorderOverhead(quick: Bool) throws -> BenchResult {
        let s1 = try newStream(name: "bench a")
        let s2 = try newStream(name: "bench b")
        let base = try Random.uniform(shape: [256, 256], key: Random.key(7))
        try eval(base)
        func graph() throws {
            var u = base
            var v = base
            for _ in 0..<50 {
                u = try Engine.tanh(Engine.add(u, v, stream: .stream(s1)), stream: .stream(s1))
                v = try Engine.multiply(v, 0.5 * Engine.sigmoid(u, stream: .stream(s2)), stream: .stream(s2))
            }
            try eval(u, v)
        }
        try graph()
        var off: [Double] = []
        var on: [Double] = []
        let buffer = EventBuffer(capacity: 1 << 14)
        for _ in 0..<(quick ? 1 : 11) {
            Recording.recorder = nil
            off.append(try time(repeats: 1) { try graph() })
            Recording.recorder = buffer
            on.append(try time(repeats: 1) { try graph() })
        }
        Recording.recorder = nil
        let offMs = median(off) * 1e3
        let onMs = median(on) * 1e3
        return BenchResult(
            name: "recorder overhead", params: ["graph": "50 × (add, tanh, sigmoid, mul, mul) on 256×256, 2 streams"],
            value: onMs, unit: "ms", peer: "recorder off", peer_value: offMs, ratio: onMs / offMs)
    }
}

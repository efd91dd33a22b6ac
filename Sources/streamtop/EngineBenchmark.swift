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

    /// Which groups of rows to run: all, or those named in `STREAMTOP_BENCH_ONLY` (comma-separated:
    /// matmul, python, perop, seed, bandwidth, recorder, fusion) — for profiling one row under callgrind —
    /// less those named in `STREAMTOP_BENCH_SKIP` (`--skip`; `python` there also drops the MLX peer
    /// of perop and seed: `make bench` runs its Python peers itself).
    static func wants(_ group: String) -> Bool {
        guard !skipped(group) else { return false }
        guard let only = ProcessInfo.processInfo.environment["STREAMTOP_BENCH_ONLY"], !only.isEmpty else { return true }
        return only.split(separator: ",").contains { $0 == group }
    }

    static func skipped(_ group: String) -> Bool {
        let skip = ProcessInfo.processInfo.environment["STREAMTOP_BENCH_SKIP"] ?? ""
        return skip.split(separator: ",").contains { $0 == group }
    }

    static func run(sizes: [Int], quick: Bool) throws -> [BenchResult] {
        var results: [BenchResult] = []
        if wants("matmul") { results += try matmul(sizes: sizes, quick: quick) }
        if wants("python") { results += pythonMatmul(sizes: sizes, quick: quick, engine: results) }
        let mlx = wants("perop") || wants("seed") ? mlxSeedPeers(quick: quick) : nil
        if wants("perop") {
            var perOp = try perOpOverhead(quick: quick)
            if let peer = mlx?["per_op_us"] {
                perOp = BenchResult(
                    name: perOp.name, params: perOp.params, value: perOp.value, unit: perOp.unit,
                    peer: "mlx (CPU build, Python)", peer_value: peer, ratio: perOp.value / peer)
            }
            results.append(perOp)
        }
        if wants("seed") {
            let seed = try seedWorkload()
            results.append(
                BenchResult(
                    name: "seed workload", params: ["work": "matmul 4096×512·512×4 + 500 × (exp; eval)", "placement": "cpu,cpu"],
                    value: seed, unit: "ms", peer: mlx?["seed_ms"] == nil ? nil : "mlx (CPU build, Python)",
                    peer_value: mlx?["seed_ms"], ratio: mlx?["seed_ms"].map { seed / $0 }))
        }
        if wants("bandwidth") { results += try bandwidth(quick: quick) }
        if wants("recorder") { results.append(try recorderOverhead(quick: quick)) }
        if wants("fusion") {
            results.append(try FusionBenchmark.row(device: .cpu, count: quick ? 1 << 20 : 1 << 24, plan: quick ? .quick : .standard))
        }
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
            let repeats = quick ? 3 : (n >= 2048 ? 7 : (n >= 1024 ? 11 : 21))
            // Interleave engine and peer, alternating who goes first, so noise and cache state hit both alike.
            var engineTimes: [Double] = []
            var peerTimes: [Double] = []
            try eval(Engine.matmul(a, b))  // warm-up
            func runEngine() throws { engineTimes.append(try time(repeats: 1) { try eval(Engine.matmul(a, b)) }) }
            func runPeer() {
                peerTimes.append(
                    time(repeats: 1) {
                        cblas_sgemm(
                            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, pa, Int32(n), pb,
                            Int32(n), 0, &pc, Int32(n))
                    })
            }
            for r in 0..<repeats {
                if r % 2 == 0 {
                    try runEngine()
                    runPeer()
                } else {
                    runPeer()
                    try runEngine()
                }
            }
            let flop = 2 * pow(Double(n), 3)
            let engine = flop / median(engineTimes) / 1e9
            let peer = flop / median(peerTimes) / 1e9
            results.append(
                BenchResult(
                    name: "matmul", params: ["n": "\(n)", "dtype": "float32", "blas": ourBLAS], value: engine, unit: "GFLOP/s",
                    peer: "cblas_sgemm", peer_value: peer, ratio: engine / peer))
        }
        return results
    }

    /// Runs a Python peer (NumPy or MLX's CPU build) in a child process with the same environment;
    /// its last output line is a JSON object of figures. Nil when python3 or the module is missing.
    static func pythonPeer(_ script: String, _ arguments: [String]) -> [String: Double]? {
        pythonOutput(script, arguments) as? [String: Double]
    }

    /// The JSON value a Python child prints (see `pythonPeer`); nil when it cannot run.
    static func pythonOutput(_ script: String, _ arguments: [String]) -> Any? {
        guard !skipped("python") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
    }

    /// Our OpenBLAS: version, the kernel family it picked for this CPU, its thread count. The
    /// NumPy gap is a library gap, so every run names both libraries (see `numpyBLAS`).
    static var ourBLAS: String {
        let version = String(cString: openblas_get_config()).split(separator: " ").dropFirst().first.map(String.init) ?? "?"
        return "OpenBLAS \(version), core \(String(cString: openblas_get_corename())), \(openblas_get_num_threads()) threads"
    }

    /// The same for the OpenBLAS inside NumPy's wheel (its symbols carry a `scipy_` prefix).
    static func numpyBLAS() -> String? {
        let script = """
            import ctypes, glob, json, os
            import numpy as np
            out = None
            for path in glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*")):
                lib = ctypes.CDLL(path)
                for prefix in ("scipy_openblas", "openblas"):
                    for suffix in ("64_", "", "_64"):
                        try:
                            cfg = getattr(lib, prefix + "_get_config" + suffix)
                            core = getattr(lib, prefix + "_get_corename" + suffix)
                            threads = getattr(lib, prefix + "_get_num_threads" + suffix)
                        except AttributeError:
                            continue
                        cfg.restype = core.restype = ctypes.c_char_p
                        version = cfg().decode().split()[1]
                        out = "OpenBLAS %s, core %s, %d threads" % (version, core().decode(), threads())
                        break
                    if out: break
            print(json.dumps(out))
            """
        return pythonOutput(script, []) as? String
    }

    /// Matmul GFLOP/s of NumPy (`a @ b`, its bundled OpenBLAS) and MLX's CPU build, same sizes.
    static func pythonMatmul(sizes: [Int], quick: Bool, engine: [BenchResult]) -> [BenchResult] {
        let script = """
            import json, sys, time
            lib = sys.argv[1]
            if lib == "numpy":
                import numpy as np
                rng = np.random.default_rng(0)
                make = lambda n: rng.random((n, n), dtype=np.float32)
                run = lambda a, b: a @ b
            else:
                import mlx.core as mx
                mx.set_default_device(mx.cpu)
                make = lambda n: mx.random.uniform(shape=(n, n))
                run = lambda a, b: mx.eval(a @ b)
            out = {}
            for n in [int(v) for v in sys.argv[2].split(",")]:
                a = make(n); b = make(n)
                if lib != "numpy": mx.eval(a, b)
                run(a, b)
                times = []
                for _ in range(int(sys.argv[3])):
                    t0 = time.perf_counter(); run(a, b); times.append(time.perf_counter() - t0)
                times.sort()
                out[str(n)] = 2 * n**3 / times[len(times) // 2] / 1e9
            print(json.dumps(out))
            """
        var results: [BenchResult] = []
        let numpyBLAS = numpyBLAS()
        for (library, label) in [("numpy", "numpy a @ b"), ("mlx", "mlx (CPU build) a @ b")] {
            let repeats = quick ? "3" : (library == "mlx" ? "3" : "9")
            guard let figures = pythonPeer(script, [library, sizes.map(String.init).joined(separator: ","), repeats]) else { continue }
            for n in sizes {
                guard let peer = figures["\(n)"],
                    let mine = engine.first(where: { $0.name == "matmul" && $0.params["n"] == "\(n)" })
                else { continue }
                var params = ["n": "\(n)", "dtype": "float32", "blas": ourBLAS]
                if library == "numpy", let numpyBLAS { params["peer_blas"] = numpyBLAS }
                results.append(
                    BenchResult(
                        name: "matmul vs \(library)", params: params, value: mine.value,
                        unit: "GFLOP/s", peer: label, peer_value: peer, ratio: mine.value / peer))
            }
        }
        return results
    }

    /// The seed post's workload (matmul 4096×512·512×4, then 500 × exp with an eval each step, all
    /// on the CPU) and the per-op loop, in MLX's CPU build when it is installed.
    static func mlxSeedPeers(quick: Bool) -> [String: Double]? {
        let script = """
            import json, time
            import mlx.core as mx
            mx.set_default_device(mx.cpu)
            a = mx.random.uniform(shape=(100,)); b = mx.random.uniform(shape=(100,)); mx.eval(a, b)
            per_op = []
            for _ in range(5):
                t0 = time.perf_counter()
                for _ in range(2000):
                    c = a + b; mx.eval(c)
                per_op.append((time.perf_counter() - t0) / 2000 * 1e6)
            per_op.sort()
            A = mx.random.uniform(shape=(4096, 512)); B = mx.random.uniform(shape=(512, 4)); mx.eval(A, B)
            def fun(a, b):
                x = mx.matmul(a, b); mx.eval(x)
                for _ in range(500):
                    b = mx.exp(b); mx.eval(b)
            fun(A, B)
            seed = []
            for _ in range(5):
                t0 = time.perf_counter(); fun(A, B); seed.append((time.perf_counter() - t0) * 1e3)
            seed.sort()
            print(json.dumps({"per_op_us": per_op[2], "seed_ms": seed[2]}))
            """
        return pythonPeer(script, [])
    }

    /// Ours: the same seed workload, median of 5.
    static func seedWorkload() throws -> Double {
        let a = try Random.uniform(shape: [4096, 512], key: Random.key(0))
        let b0 = try Random.uniform(shape: [512, 4], key: Random.key(1))
        try eval(a, b0)
        func fun() throws {
            try eval(Engine.matmul(a, b0, stream: .cpu))
            var b = b0
            for _ in 0..<500 {
                b = try Engine.exp(b, stream: .cpu)
                try eval(b)
            }
        }
        try fun()
        var samples: [Double] = []
        for _ in 0..<5 { samples.append(try time(repeats: 1, fun) * 1e3) }
        return median(samples)
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
        func copy() {
            DispatchQueue.concurrentPerform(iterations: cores) { k in
                let start = bytes * k / cores
                let end = bytes * (k + 1) / cores
                memcpy(target.pointer + start, source.pointer + start, end - start)
            }
        }
        let peer = "memcpy ×\(cores) threads"
        let params = ["elements": "\(count)", "dtype": "float32", "simd": VectorMath.level]
        // Bytes moved per run (inputs + output). log reads |x|; softmax/logsumexp rows of 1024.
        let positive = try Engine.abs(x)
        let rows = try reshape(x, [count / 1024, 1024])
        try eval(positive, rows)
        let ops: [(String, Int, () throws -> Void)] = [
            ("add", 3, { try eval(x + y) }), ("exp", 2, { try eval(Engine.exp(x)) }),
            ("log", 2, { try eval(Engine.log(positive)) }), ("tanh", 2, { try eval(Engine.tanh(x)) }),
            ("sigmoid", 2, { try eval(Engine.sigmoid(x)) }), ("softmax rows of 1024", 2, { try eval(softmax(rows, axis: 1)) }),
            ("logsumexp rows of 1024", 1, { try eval(logsumexp(rows, axes: [1])) }),
        ]
        var results: [BenchResult] = []
        for (name, streams, body) in ops {
            // Copy and op alternate (who goes first too), so load from other processes hits both alike.
            var copyTimes: [Double] = []
            var opTimes: [Double] = []
            for r in 0..<repeats {
                if r % 2 == 0 { copyTimes.append(time(repeats: 1, copy)) }
                opTimes.append(try time(repeats: 1, body))
                if r % 2 == 1 { copyTimes.append(time(repeats: 1, copy)) }
            }
            let copyGBs = Double(2 * bytes) / median(copyTimes) / 1e9
            let gbs = Double(streams * bytes) / median(opTimes) / 1e9
            results.append(BenchResult(name: name, params: params, value: gbs, unit: "GB/s", peer: peer, peer_value: copyGBs, ratio: gbs / copyGBs))
        }
        return results
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
        // The whole profiler: per-thread rings plus its collector thread draining them every 10 ms.
        let profiler = Profiler()
        for _ in 0..<(quick ? 1 : 11) {
            off.append(try time(repeats: 1) { try graph() })
            profiler.start()
            on.append(try time(repeats: 1) { try graph() })
            profiler.stop()
        }
        let offMs = median(off) * 1e3
        let onMs = median(on) * 1e3
        return BenchResult(
            name: "recorder overhead", params: ["graph": "50 × (add, tanh, sigmoid, mul, mul) on 256×256, 2 streams", "recorder": "Profiler"],
            value: onMs, unit: "ms", peer: "recorder off", peer_value: offMs, ratio: onMs / offMs)
    }
}

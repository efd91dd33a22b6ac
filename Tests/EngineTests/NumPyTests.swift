import Foundation
import Testing

@testable import Engine

/// NumPy as an independent oracle: inputs are generated here from a fixed seed, written as JSON
/// to a temporary directory, evaluated by a small Python script with NumPy, and compared within
/// float32 tolerance. When `python3 -c 'import numpy'` fails (python3 looked up through PATH with
/// /usr/bin/env, then /usr/bin/python3) the suite is skipped with the reason shown; `make test` runs `make deps`, which
/// installs numpy, so CI never skips.
enum NumPy {
    /// The interpreter to use: python3 from PATH (via /usr/bin/env) when it imports numpy, else
    /// /usr/bin/python3 (where apt's python3-numpy lands — `make deps` accepts either), else none.
    static let interpreter: [String]? = {
        for candidate in [["/usr/bin/env", "python3"], ["/usr/bin/python3"]] {
            if let (status, _) = try? run(["-c", "import numpy"], with: candidate), status == 0 { return candidate }
        }
        return nil
    }()
    static var available: Bool { interpreter != nil }

    struct Array: Codable { var shape: [Int]; var data: [Double] }
    struct Case: Codable {
        var op: String
        var inputs: [Array] = []
        var axes: [Int]? = nil
        var keepDims: Bool = false
        /// For "pyslice": list length and (start, stop, step) triples.
        var n: Int? = nil
        var slices: [[Int?]]? = nil
    }
    struct Result: Codable { var shape: [Int]; var data: [Double] }

    static let script = #"""
        import json, sys
        import numpy as np

        def arr(d):
            return np.array(d["data"], dtype=np.float32).reshape(d["shape"])

        out = []
        for case in json.load(open(sys.argv[1])):
            op = case["op"]
            xs = [arr(d) for d in case["inputs"]]
            axes = tuple(case["axes"]) if case.get("axes") is not None else None
            kd = case.get("keepDims", False)
            if op == "pyslice":
                base = list(range(case["n"]))
                for (a, b, c) in case["slices"]:
                    y = base[slice(a, b, c)]
                    out.append({"shape": [len(y)], "data": [float(v) for v in y]})
                continue
            x = xs[0] if xs else None
            if op == "exp": y = np.exp(x)
            elif op == "log": y = np.log(x)
            elif op == "tanh": y = np.tanh(x)
            elif op == "sqrt": y = np.sqrt(x)
            elif op == "sigmoid": y = 1 / (1 + np.exp(-x))
            elif op == "softmax":
                e = np.exp(x - x.max(axis=axes, keepdims=True))
                y = e / e.sum(axis=axes, keepdims=True)
            elif op == "logsumexp":
                m = x.max(axis=axes, keepdims=True)
                y = m + np.log(np.exp(x - m).sum(axis=axes, keepdims=True))
                if not kd:
                    y = y.squeeze(axis=axes) if axes is not None else y.reshape(())
            elif op == "sum": y = x.sum(axis=axes, keepdims=kd)
            elif op == "mean": y = x.mean(axis=axes, keepdims=kd)
            elif op == "max": y = x.max(axis=axes, keepdims=kd)
            elif op == "matmul": y = np.matmul(xs[0], xs[1])
            else: raise SystemExit("unknown op " + op)
            y = np.asarray(y, dtype=np.float64)
            out.append({"shape": list(y.shape), "data": y.ravel().tolist()})
        json.dump(out, open(sys.argv[2], "w"))
        """#

    /// Runs `python3 args…`; returns the exit status and stderr.
    static func run(_ args: [String], with python: [String]? = interpreter) throws -> (Int32, String) {
        let python = python ?? ["/usr/bin/env", "python3"]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python[0])
        p.arguments = Swift.Array(python.dropFirst()) + args
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func evaluate(_ cases: [Case]) throws -> [Result] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("engine-numpy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let scriptURL = dir.appendingPathComponent("ref.py")
        let input = dir.appendingPathComponent("in.json"), output = dir.appendingPathComponent("out.json")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        try JSONEncoder().encode(cases).write(to: input)
        let (status, stderr) = try run([scriptURL.path, input.path, output.path])
        try #require(status == 0, "python3 failed: \(stderr)")
        return try JSONDecoder().decode([Result].self, from: Data(contentsOf: output))
    }
}

func npArray(_ values: [Double], _ shape: [Int]) -> NumPy.Array { NumPy.Array(shape: shape, data: values) }

@Suite(
    "NumPy reference",
    .enabled(if: NumPy.available, "no python3 with numpy (tried `/usr/bin/env python3` and /usr/bin/python3) — run `make deps`; NumPy comparisons skipped"))
struct NumPyTests {
    @Test("unary float ops on random inputs")
    func unary() throws {
        var g = SplitMix(seed: 2024)
        let shape = [3, 5, 7]
        let x = g.floats(105, -4, 4), pos = g.floats(105, 0.01, 50)
        let ops: [(String, [Double], (Tensor) throws -> Tensor)] = [
            ("exp", x, { try exp($0) }), ("tanh", x, { try tanh($0) }), ("sigmoid", x, { try sigmoid($0) }),
            ("log", pos, { try log($0) }), ("sqrt", pos, { try sqrt($0) }),
        ]
        let results = try NumPy.evaluate(ops.map { NumPy.Case(op: $0.0, inputs: [npArray($0.1, shape)]) })
        for (i, (name, input, f)) in ops.enumerated() {
            let y = try f(f32(input, shape))
            try expectClose(y, results[i].data, shape: results[i].shape, rtol: 2e-6, atol: 1e-7, name)
        }
    }

    @Test("sum/mean/max/softmax/logsumexp over axes on random inputs")
    func reductions() throws {
        var g = SplitMix(seed: 77)
        let shape = [4, 6, 5]
        let x = g.floats(120, -3, 3)
        let t = try f32(x, shape)
        var cases: [NumPy.Case] = []
        var engine: [(String, Tensor)] = []
        for axes in subsets(3) where !axes.isEmpty {
            for keep in [false, true] {
                for op in ["sum", "mean", "max", "logsumexp"] {
                    cases.append(NumPy.Case(op: op, inputs: [npArray(x, shape)], axes: axes, keepDims: keep))
                    let y: Tensor
                    switch op {
                    case "sum": y = try sum(t, axes: axes, keepDims: keep)
                    case "mean": y = try mean(t, axes: axes, keepDims: keep)
                    case "max": y = try max(t, axes: axes, keepDims: keep)
                    default: y = try logsumexp(t, axes: axes, keepDims: keep)
                    }
                    engine.append(("\(op) \(axes) keep=\(keep)", y))
                }
            }
            cases.append(NumPy.Case(op: "softmax", inputs: [npArray(x, shape)], axes: axes))
            engine.append(("softmax \(axes)", try softmax(t, axes: axes)))
        }
        cases.append(NumPy.Case(op: "sum", inputs: [npArray(x, shape)]))
        engine.append(("sum all", try sum(t)))
        let results = try NumPy.evaluate(cases)
        for (i, (name, y)) in engine.enumerated() {
            try expectClose(y, results[i].data, shape: results[i].shape, rtol: 1e-5, atol: 1e-5, name)
        }
    }

    @Test("matmul 2-D, vectors, batched with broadcasting, transposed operands")
    func matmuls() throws {
        var g = SplitMix(seed: 31)
        let pairs: [([Int], [Int])] = [
            ([16, 32], [32, 8]), ([32], [32, 5]), ([6, 32], [32]), ([9], [9]),
            ([5, 2, 3], [3, 4]), ([2, 1, 3, 4], [5, 4, 2]), ([3, 64, 17], [3, 17, 33]),
        ]
        var cases: [NumPy.Case] = []
        var engine: [Tensor] = []
        for (sa, sb) in pairs {
            let a = g.floats(sa.reduce(1, *)), b = g.floats(sb.reduce(1, *))
            cases.append(NumPy.Case(op: "matmul", inputs: [npArray(a, sa), npArray(b, sb)]))
            engine.append(try matmul(f32(a, sa), f32(b, sb)))
        }
        // Transposed operands: the engine sees views, NumPy sees the same logical matrices.
        let a = g.floats(24 * 40), b = g.floats(12 * 24)
        let ta = Ref(shape: [24, 40], values: a).transposed([1, 0]).values
        let tb = Ref(shape: [12, 24], values: b).transposed([1, 0]).values
        cases.append(NumPy.Case(op: "matmul", inputs: [npArray(ta, [40, 24]), npArray(tb, [24, 12])]))
        engine.append(try matmul(f32(a, [24, 40]).T, f32(b, [12, 24]).T))
        let results = try NumPy.evaluate(cases)
        for (i, y) in engine.enumerated() {
            try expectClose(y, results[i].data, shape: results[i].shape, rtol: 1e-5, atol: 1e-5, "matmul case \(i)")
        }
    }

    @Test("slicing matches Python's list slicing for every start/stop/step combination")
    func pythonSlices() throws {
        var cases: [NumPy.Case] = []
        let bounds: [Int?] = [nil] + Array(-7...7)
        var triples: [[Int?]] = []
        for start in bounds { for stop in bounds { for step in [-3, -2, -1, 1, 2, 3] { triples.append([start, stop, step]) } } }
        for n in [0, 1, 5] { cases.append(NumPy.Case(op: "pyslice", n: n, slices: triples)) }
        let results = try NumPy.evaluate(cases)
        var k = 0
        var failures = 0
        for n in [0, 1, 5] {
            let x = try arange(n)
            for t in triples {
                let y = try x[.stride(t[0], t[1], by: t[2]!)]
                let got = try doubles(y)
                if got != results[k].data || y.shape != results[k].shape {
                    failures += 1
                    if failures <= 5 { Issue.record("n=\(n) slice \(t): engine \(got), Python \(results[k].data)") }
                }
                k += 1
            }
        }
        #expect(failures == 0)
    }
}

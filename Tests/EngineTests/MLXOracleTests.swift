import Foundation
import Testing

@testable import Engine

/// MLX itself as the oracle for random numbers, when its CPU build is installed
/// (`pip install mlx mlx-cpu`; CI does not install it, so there these tests are skipped and say so).
enum MLXOracle {
    static let available: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import mlx.core"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// MLX's float32 draws as raw bit patterns.
    static func draws(_ kind: String, seed: UInt64, count: Int) throws -> [UInt32] {
        let script = """
            import sys, json, numpy as np, mlx.core as mx
            kind, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            key = mx.random.key(seed)
            x = mx.random.uniform(shape=(n,), key=key) if kind == "uniform" else mx.random.normal(shape=(n,), key=key)
            print(json.dumps(np.array(x, dtype=np.float32).view(np.uint32).tolist()))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, kind, "\(seed)", "\(count)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([UInt32].self, from: data)
    }
}

@Suite(.enabled(if: MLXOracle.available, "MLX's CPU build is not installed (pip install mlx mlx-cpu); skipped"))
struct MLXOracleTests {
    @Test("uniform and normal draws equal MLX's bit for bit", arguments: [(0, 4), (7, 1001), (123, 4096), (1 << 40, 3)])
    func sameBits(seed: Int, count: Int) throws {
        for kind in ["uniform", "normal"] {
            let expected = try MLXOracle.draws(kind, seed: UInt64(seed), count: count)
            let key = Random.key(UInt64(seed))
            let ours = kind == "uniform"
                ? try Random.uniform(shape: [count], key: key) : try Random.normal(shape: [count], key: key)
            let bits = try ours.toArray(Float.self).map(\.bitPattern)
            let differing = zip(bits, expected).filter { $0 != $1 }.count
            #expect(bits.count == expected.count)
            #expect(differing == 0, "\(kind) seed \(seed): \(differing) of \(count) values differ from MLX")
        }
    }
}

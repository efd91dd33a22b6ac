import Foundation
import Testing

/// End-to-end checks of the `streamtop` executable: what a user sees, including bad input.
struct CLITests {
    /// The built executable next to the test bundle (`swift build` puts both in one folder).
    static let binary: URL? = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("streamtop")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    func run(_ arguments: [String]) throws -> Result {
        let binary = try #require(Self.binary, "streamtop is not built next to the tests; run `swift build` first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("`run arrays` prints the quick-start shapes and dtypes of a–d")
    func quickStart() throws {
        let result = try run(["run", "arrays"])
        #expect(result.status == 0)
        for line in [
            "a shape: [4]", "a dtype: int32", "b shape: [4]", "b dtype: float32", "c shape: [2, 4]", "c dtype: int32",
            "d shape: [2, 4]", "d dtype: float32", "a + b = array([2, 4, 6, 8], dtype=float32)",
        ] {
            #expect(result.stdout.contains(line + "\n"), "missing: \(line)")
        }
    }

    @Test("bad flags outside `run` exit 64 with a usage message", arguments: [["--no-such-flag"], ["bench", "nothing"], ["bench", "--sizes", "12,x"]])
    func badFlags(arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error:"))
    }

    @Test("the engine benchmark prints JSON with peers and ratios")
    func benchJSON() throws {
        let result = try run(["bench", "engine", "--json", "--quick", "--sizes", "64"])
        #expect(result.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let benchmarks = try #require(document?["benchmarks"] as? [[String: Any]])
        let names = Set(benchmarks.compactMap { $0["name"] as? String })
        #expect(names.isSuperset(of: ["matmul", "per-op overhead", "add", "exp", "recorder overhead"]))
        let matmul = try #require(benchmarks.first { $0["name"] as? String == "matmul" })
        #expect(matmul["peer"] as? String == "cblas_sgemm")
        #expect((matmul["ratio"] as? Double ?? 0) > 0)
        #expect(matmul["unit"] as? String == "GFLOP/s")
        let gelu = try #require(benchmarks.first { $0["name"] as? String == "gelu 1M f32 fused vs unfused" })
        #expect(gelu["peer"] as? String == "same chain unfused (9 kernels)")
        let (value, peer, ratio) = (gelu["value"] as? Double ?? 0, gelu["peer_value"] as? Double ?? 0, gelu["ratio"] as? Double ?? 0)
        #expect(value > 0 && peer > 0 && Swift.abs(ratio - value / peer) <= 1e-9 * ratio)
    }
}

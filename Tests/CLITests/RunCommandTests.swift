import Foundation
import Testing

/// `streamtop list` and `streamtop run`: output, exit codes and the JSON document.
struct RunCommandTests {
    let cli = CLITests()
    /// Whether the binary can use a GPU here (probed the way a user would).
    static let gpu = (try? CLITests().run(["run", "arrays", "--placement", "gpu"]).status) == 0

    /// A fresh empty folder for files a run writes.
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("streamtop-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("`list` names every workload with each parameter's type, default and range")
    func list() throws {
        let result = try cli.run(["list"])
        #expect(result.status == 0)
        for name in ["arrays", "lazy-vs-eager", "cpu-gpu-add", "matmul-exp-split", "matmul-sweep", "mlp", "attention", "pipeline", "reduce", "random-graph", "gelu-fusion"] {
            #expect(result.stdout.contains("\n\(name) — ") || result.stdout.hasPrefix("\(name) — "), "missing \(name)")
        }
        let iterations = result.stdout.split(separator: "\n").first { $0.contains("--iterations") && $0.contains("exp steps") }
        let columns = iterations.map { $0.split(separator: " ").map(String.init) } ?? []
        #expect(columns.prefix(4) == ["--iterations", "integer", "500", "1…10000000"])
    }

    @Test(
        "bad input exits 64 before anything runs, naming the flag and what is allowed",
        arguments: [
            (["run", "no-such-workload"], "unknown workload 'no-such-workload' (allowed: arrays,"),
            (["run", "reduce", "--bogus", "1"], "has no parameter '--bogus' (it takes: --size, --iterations, --placement, --seed)"),
            (["run", "reduce", "--size", "-5"], "--size '-5': is out of range (allowed: 1…"),
            (["run", "reduce", "--size", "0"], "--size '0': is out of range"),
            (["run", "reduce", "--size", "ten"], "--size 'ten': is not an integer"),
            (["run", "reduce", "--size", " "], "--size ' ': is empty"),
            (["run", "reduce", "--size", "17179869184"], "--size: reduce would need about"),
            (["run", "matmul-sweep", "--sizes", "64,x"], "--sizes '64,x': 'x' is not an integer"),
            (["run", "matmul-sweep", "--pairs"], "--pairs needs a value"),
            (["run", "matmul-exp-split", "--m", "-1"], "--m '-1': is out of range"),
            (["run", "matmul-exp-split", "--placement", "cpu,gpy"], "--placement 'cpu,gpy': 'gpy' is not a device (allowed: cpu,cpu | gpu,gpu"),
            (["run", "matmul-exp-split", "--placement", "cpu"], "--placement 'cpu': names 1 device, not 2"),
            (["run", "reduce", "--loop", "0"], "--loop '0': expected seconds"),
            (["run", "reduce", "--loop", "-1"], "--loop '-1': expected seconds"),
            (["run", "reduce", "--loop", "soon"], "--loop 'soon': expected seconds"),
            (["run", "reduce", "--trace", "/no/such/folder/t.json"], "--trace '/no/such/folder/t.json': the folder '/no/such/folder' does not exist"),
            (["run", "arrays", "--seed", "1"], "workload 'arrays' has no parameter '--seed' (it takes: --placement)"),
            (["run", "reduce", "stray"], "unexpected argument 'stray'"),
            (["run"], "Missing expected argument '<workload>'"),
        ])
    func badInput(arguments: [String], message: String) throws {
        let result = try cli.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a GPU placement with no GPU is a usage error naming --placement and the reason")
    func gpuPlacement() throws {
        let result = try cli.run(["run", "matmul-exp-split", "--placement", "gpu,cpu", "--m", "16", "--iterations", "2"])
        if Self.gpu {
            #expect(result.status == 0)
            #expect(result.stdout.contains("gpu-cpu elapsed time: "))
        } else {
            #expect(result.status == 64)
            #expect(result.stderr.contains("--placement 'gpu,cpu': gpu: "))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("a text run prints the workload's result, its checks and the seed's table")
    func text() throws {
        let result = try cli.run(["run", "matmul-exp-split", "--m", "32", "--k", "16", "--iterations", "3"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("cpu elapsed time: "))
        #expect(result.stdout.contains("\ncpu,cpu "))
        #expect(result.stdout.contains(" failed\n"))
        #expect(result.stdout.contains("checks: ") && result.stdout.contains(" passed, 0 failed"))
    }

    @Test("`run --json` prints one document with the documented keys")
    func json() throws {
        let result = try cli.run(["run", "matmul-exp-split", "--m", "32", "--k", "16", "--iterations", "3", "--json"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(document.keys) == [
            "schema", "workload", "parameters", "loop_seconds", "runs", "failed_runs", "stopped", "wall_seconds", "passed", "result", "profile",
            "trace",
        ])
        #expect(document["schema"] as? String == "streamtop.run/1")
        #expect((document["workload"] as? [String: Any])?["name"] as? String == "matmul-exp-split")
        #expect((document["parameters"] as? [String: String])?["m"] == "32")
        #expect((document["parameters"] as? [String: String])?["n"] == "4")
        #expect(document["loop_seconds"] is NSNull)
        #expect(document["trace"] is NSNull)
        #expect(document["runs"] as? Int == 1)
        #expect(document["passed"] as? Bool == true)
        let run = try #require(document["result"] as? [String: Any])
        #expect(Set(run.keys) == ["lines", "timings", "tables", "checks", "skipped"])
        let checks = try #require(run["checks"] as? [[String: Any]])
        #expect(!checks.isEmpty)
        #expect(checks.allSatisfy { $0["passed"] as? Bool == true && $0["name"] is String && $0["detail"] is String })
        let timings = try #require(run["timings"] as? [[String: Any]])
        #expect(timings.first?["label"] as? String == "cpu elapsed time")
        #expect(timings.first?["milliseconds"] is Double)
        let table = try #require((run["tables"] as? [[String: Any]])?.first)
        #expect(table["columns"] as? [String] == ["placement", "elapsed", "matmul", "exp steps"])
        let profile = try #require(document["profile"] as? [String: Any])
        #expect(Set(profile.keys).isSuperset(of: ["duration_seconds", "ops", "streams", "memory", "waits", "transfers", "errors", "dropped_events"]))
    }

    @Test("--loop repeats the workload for the given time")
    func loop() throws {
        let result = try cli.run(["run", "reduce", "--size", "100", "--iterations", "1", "--loop", "0.3", "--json"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["loop_seconds"] as? Double == 0.3)
        #expect((document["runs"] as? Int ?? 0) >= 2)
        #expect((document["wall_seconds"] as? Double ?? 0) >= 0.3)
    }

    @Test("--trace writes a JSON trace and leaves no temporary file")
    func trace() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.json").path
        let result = try cli.run(["run", "cpu-gpu-add", "--placement", "cpu,cpu", "--size", "64", "--iterations", "2", "--trace", path, "--json"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["trace"] as? String == path)
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let events = try #require(trace["traceEvents"] as? [[String: Any]])
        // The workload's two streams are named tracks, its adds are spans on them, and the
        // cross-stream dependencies are flows with both ends.
        let threadNames = events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
            .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(Set(threadNames).isSuperset(of: ["cpu add 1", "cpu add 2"]))
        let adds = events.filter { $0["ph"] as? String == "X" && $0["name"] as? String == "add" }
        #expect(adds.count == 2 * 2 + 2 * 2)  // 2 iterations × (2 independent + 2 dependent)
        let starts = events.filter { $0["ph"] as? String == "s" }.compactMap { $0["id"] as? Int }
        let finishes = events.filter { $0["ph"] as? String == "f" }.compactMap { $0["id"] as? Int }
        #expect(!starts.isEmpty)
        #expect(Set(starts) == Set(finishes))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["t.json"])
    }

    @Test("bad input with --trace writes nothing")
    func traceNotWritten() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.json").path
        for arguments in [["run", "reduce", "--size", "0"], ["run", "nope"], ["run", "reduce", "--placement", "gpx"]] {
            let result = try cli.run(arguments + ["--trace", path])
            #expect(result.status == 64)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("`run --help` describes the common flags")
    func help() throws {
        let result = try cli.run(["run", "--help"])
        #expect(result.status == 0)
        for flag in ["--placement <devices>", "--size <n>", "--iterations <n>", "--seed <n>", "--loop <seconds>", "--trace <file>", "--json"] {
            #expect(result.stdout.contains(flag), "missing \(flag)")
        }
    }
}

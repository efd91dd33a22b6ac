import Foundation
import Testing

/// `streamtop bench opencl`: the JSON document a run prints, whatever this machine has (an OpenCL
/// device or none, CLBlast or not, an engine GPU backend or not). Every missing side must show up as
/// a notice with its reason, and every row present must be a consistent measurement.
struct OpenCLBenchTests {
    /// Runs the binary with extra environment variables; the output's stdout, stderr and status.
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLITests.Result {
        let binary = try #require(CLITests.binary, "streamtop is not built next to the tests; run `swift build` first")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLITests.Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The parsed `--json` document: rows, device (nil when absent) and notices.
    func document(_ result: CLITests.Result) throws -> (rows: [[String: Any]], device: [String: Any]?, notices: [String]) {
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys).isSubset(of: ["benchmarks", "device", "notices"]), "unexpected keys \(object.keys.sorted())")
        let rows = try #require(object["benchmarks"] as? [[String: Any]], "no benchmarks array")
        let notices = try #require(object["notices"] as? [String], "no notices array")
        return (rows, object["device"] as? [String: Any], notices)
    }

    @Test("`bench opencl --json --quick`: rows in bench engine's shape, or a notice saying why a side is missing")
    func quickDocument() throws {
        let (rows, device, notices) = try document(try run(["bench", "opencl", "--json", "--quick"]))
        let names = Set(rows.compactMap { $0["name"] as? String })

        for row in rows {
            let name = try #require(row["name"] as? String)
            let params = try #require(row["params"] as? [String: String], "\(name): params must map strings to strings")
            let value = try #require(row["value"] as? Double, "\(name): no value")
            let unit = try #require(row["unit"] as? String)
            #expect(value.isFinite && value > 0, "\(name): value \(value)")
            #expect(params["dtype"] == "float32")
            switch name {
            case "gpu matmul", "CLBlastSgemm":
                #expect(unit == "GFLOP/s" && ["64", "128"].contains(params["n"]))
                #expect(params["timing"]?.contains("wall clock") == true, "\(name): timing not stated")
            case "gpu sgemm kernel", "CLBlastSgemm kernel":
                #expect(unit == "GFLOP/s" && ["64", "128"].contains(params["n"]))
                #expect(params["timing"]?.contains("profiling events") == true, "\(name): timing not stated")
                if name == "gpu sgemm kernel" { #expect(params["tiles"].flatMap { SgemmTilesText.valid($0) } == true, "\(params)") }
            case "gpu add", "gpu exp", "copy kernel":
                #expect(unit == "GB/s" && params["elements"] == "65536")
                #expect(params["timing"]?.contains("wall clock") == true, "\(name): timing not stated")
            case "gpu per-op", "raw OpenCL exp", "raw OpenCL + engine's driver calls":
                #expect(unit == "µs/op" && params["shape"] == "512x4" && params["ops"] == "20 per sample")
                #expect(params["timing"]?.contains("clWaitForEvents") == true, "\(name): timing not stated")
            case "gelu 1M f32 fused vs unfused":
                #expect(unit == "M elements/s" && params["elements"] == "1048576")
                #expect(params["timing"]?.contains("wall clock") == true, "\(name): timing not stated")
            default: Issue.record("unexpected row \(name)")
            }
            // A peer comes with its figure and ratio = ours ÷ peer; without one, neither is present.
            if let peer = row["peer"] as? String {
                let peerValue = try #require(row["peer_value"] as? Double, "\(name): peer \(peer) without peer_value")
                let ratio = try #require(row["ratio"] as? Double, "\(name): peer \(peer) without ratio")
                #expect(peerValue > 0 && Swift.abs(ratio - value / peerValue) <= 1e-9 * ratio, "\(name): ratio \(ratio)")
                let peers = [
                    "gpu matmul": "CLBlastSgemm", "gpu sgemm kernel": "CLBlastSgemm kernel", "gpu per-op": "raw OpenCL floor",
                    "raw OpenCL + engine's driver calls": "raw OpenCL floor",
                    "gelu 1M f32 fused vs unfused": "same chain unfused (9 kernels)",
                ]
                #expect(peer == (peers[name] ?? "copy kernel"))
            } else {
                #expect(row["peer_value"] == nil && row["ratio"] == nil)
            }
        }

        // The engine's side: its rows, or a notice with the engine's reason.
        let engineRows = names.intersection(["gpu matmul", "gpu sgemm kernel", "gpu add", "gpu exp", "gpu per-op"])
        let engineNotice = notices.first { $0.hasPrefix("engine rows skipped: ") }
        #expect(engineRows.count == 5 || (engineRows.isEmpty && engineNotice != nil), "engine rows \(engineRows), notices \(notices)")
        if let engineNotice { #expect(engineNotice.contains("gpu"), "reason missing: \(engineNotice)") }

        guard let device else {
            #expect(notices.contains { $0.hasPrefix("OpenCL peers skipped: ") }, "no device and no reason: \(notices)")
            return
        }
        for key in ["platform", "name", "driver"] {
            #expect(((device[key] as? String) ?? "").isEmpty == false, "device has no \(key)")
        }
        // The copy kernel and the raw exp floor always run where a device opened: alone, or as peers.
        #expect(names.contains("copy kernel") || rows.contains { ($0["peer"] as? String) == "copy kernel" })
        #expect(names.contains("raw OpenCL exp") || rows.contains { ($0["peer"] as? String) == "raw OpenCL floor" })
        // CLBlast: used only after its check passed, otherwise a notice says why not.
        let blastUsed = names.contains("CLBlastSgemm") || rows.contains { ($0["peer"] as? String) == "CLBlastSgemm" }
        let blastKernel = names.contains("CLBlastSgemm kernel") || rows.contains { ($0["peer"] as? String) == "CLBlastSgemm kernel" }
        #expect(blastUsed == blastKernel, "CLBlast in the wall-clock rows but not the kernel rows, or the reverse")
        if blastUsed {
            #expect(notices.contains { $0.hasPrefix("CLBlastSgemm check at 48×56·56×40") && $0.hasSuffix(": ok") }, "\(notices)")
        } else {
            #expect(notices.contains { $0.contains("CLBlast not installed (libclblast1)") || $0.hasPrefix("CLBlast peer dropped: ") }, "\(notices)")
        }
    }

    /// "128x128x8/8x8" or "64x64x32/4x16v16": the form `streamtop tune --tiles` takes.
    enum SgemmTilesText {
        static func valid(_ text: String) -> Bool {
            text.wholeMatch(of: /[0-9]+x[0-9]+x[0-9]+\/[0-9]+x[0-9]+(v[0-9]+)?/) != nil
        }
    }

    @Test("no OpenCL driver (an empty OCL_ICD_VENDORS folder): exit 0, no rows, both sides give their reason")
    func noDriver() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamtop-no-icd-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (rows, device, notices) = try document(
            try run(["bench", "opencl", "--json", "--quick"], environment: ["OCL_ICD_VENDORS": folder.path]))
        #expect(rows.isEmpty)
        #expect(device == nil)
        #expect(notices.contains { $0.hasPrefix("OpenCL peers skipped: no OpenCL platform found") })
        #expect(notices.contains { $0.hasPrefix("engine rows skipped: ") })
    }

    @Test("bad --sizes and --elements are usage errors naming the flag", arguments: [
        ["--sizes", "0"], ["--sizes", "64,x"], ["--sizes", ""], ["--elements", "0"], ["--elements", "2000000000"],
    ])
    func badInput(arguments: [String]) throws {
        let result = try run(["bench", "opencl"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(arguments[0]), "stderr: \(result.stderr)")
    }
}

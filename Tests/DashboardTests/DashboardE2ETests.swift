import Foundation
import Testing
import TmuxTesting

/// Under `make sanitize` the binary runs instrumented (ThreadSanitizer: 5–15× slower, PoCL included).
private let slowdown: Double = ProcessInfo.processInfo.environment["STREAMTOP_SANITIZER"] == nil ? 1 : 6

/// The real binary in a real terminal (tmux): the menu, a workload started from it, the panels
/// filling with its ops, freeze, themes, trace export, resizing, and a clean exit.
@Suite(.serialized, .enabled(if: TmuxPane.ready, "needs tmux and the streamtop binary (swift build)"))
struct DashboardE2ETests {
    /// The matmul on the CPU and the exps on the OpenCL device (PoCL's CPU device where there
    /// is no GPU); STREAMTOP_E2E_PLACEMENT=cpu,cpu where OpenCL is not installed.
    static let placement = ProcessInfo.processInfo.environment["STREAMTOP_E2E_PLACEMENT"] ?? "cpu,gpu"

    @Test func pickAWorkloadWatchItFreezeExportResizeQuit() throws {
        let pane = try TmuxPane(name: "dash", width: 120, height: 40)
        defer { pane.kill() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamtop-dash-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try pane.type("'\(TmuxPane.binaryPath!)' --trace-dir '\(folder)'; echo EXIT=$?")
        try pane.waitFor(text: "6 Workloads", timeout: 20 * slowdown)

        // The menu has focus: filter to the workload, open its form, set the placement and a
        // small size (debug builds are slow), start it.
        try pane.keys("/")
        try pane.tmux(["send-keys", "-l", "matmul-exp"])
        try pane.keys("Enter", "Enter")
        try pane.waitFor(text: "matmul-exp-split: Enter starts")
        try pane.tmux(["send-keys"] + Array(repeating: "BSpace", count: 12))
        try pane.tmux(["send-keys", "-l", Self.placement])
        // Fields: placement, iterations, m, k, n; make m small.
        try pane.keys("Tab", "Tab", "BSpace", "BSpace", "BSpace", "BSpace")
        try pane.tmux(["send-keys", "-l", "256"])
        try pane.keys("Enter")

        // Wait for a frame showing everything at once: lanes with spans (the exps on the
        // placement's second device), matmul and exp in the op table, non-zero memory.
        let second = Self.placement.hasSuffix("gpu") ? "│gpu0" : "│cpu"
        let live = try pane.waitFor("lanes with spans, matmul and exp in the op table, memory", timeout: 60 * slowdown) { screen in
            let lines = screen.split(separator: "\n").map(String.init)
            let opRows = lines.filter { $0.contains("│matmul ") || $0.contains("│exp ") }
            let memory = screen.range(of: #"active [1-9][0-9.]*[KMG]?i?B"#, options: .regularExpression) != nil
            let cpuLane = lines.contains { $0.hasPrefix("│cpu") && ($0.contains("matmul") || $0.contains("uniform") || $0.contains("mat")) }
            let expLane = lines.contains { $0.hasPrefix(second) && $0.contains("exp") }
            return opRows.count >= 2 && memory && screen.contains("running") && cpuLane && expLane
        }
        #expect(live.contains("p95"))
        #expect(live.contains("p99"))

        try pane.keys("Space")
        try pane.waitFor(text: "FROZEN")
        try pane.keys("t")
        try pane.waitFor(text: "theme ")
        try pane.keys("e")
        let exported = try pane.waitFor(text: "trace written to", timeout: 20 * slowdown)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
        #expect(files.count == 1, "\(exported)")
        if let file = files.first {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(file))
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let events = json?["traceEvents"] as? [[String: Any]] ?? []
            #expect(events.contains { $0["name"] as? String == "exp" && $0["ph"] as? String == "X" })
        }

        try pane.tmux(["resize-window", "-x", "80", "-y", "24"])
        // The compact layout: timeline, op table and workloads, not the graph.
        try pane.waitFor("the compact layout") {
            $0.contains("1 Timeline") && $0.contains("2 Op timings") && $0.contains("6 Workloads") && !$0.contains("5 Graph")
        }
        try pane.tmux(["resize-window", "-x", "40", "-y", "10"])
        try pane.waitFor(text: "terminal too small")
        try pane.tmux(["resize-window", "-x", "120", "-y", "40"])
        try pane.waitFor(text: "5 Graph")

        try pane.keys("q")
        try pane.waitForShell()
        let after = try pane.capture()
        #expect(after.contains("EXIT=0"))
        #expect(try pane.modes() == TmuxPane.restoredModes)
    }

    @Test func stdoutNotATerminalExitsTwoPointingAtRun() throws {
        let result = try TmuxPane.run([TmuxPane.binaryPath!])
        #expect(result.status == 2)
        #expect(result.output.contains("streamtop run"))
    }

    @Test(arguments: [
        (["--workload", "nope"], "unknown workload 'nope'"),
        (["--fps", "0"], "--fps must be 1…120"),
        (["--placement", "cpu,gpu"], "need --workload NAME"),
        (["--workload", "matmul-exp-split", "--placement", "cpu,tpu"], "'tpu' is not a device"),
        (["--workload", "matmul-exp-split", "--size", "5"], "has no parameter '--size'"),
        (["--workload", "matmul-exp-split", "--m", "-3"], "--m '-3': is out of range"),
    ])
    func badFlagsExit64NamingTheFlag(_ arguments: [String], _ message: String) throws {
        let result = try TmuxPane.run([TmuxPane.binaryPath!] + arguments)
        #expect(result.status == 64)
        #expect(result.output.contains(message), "\(result.output)")
    }
}

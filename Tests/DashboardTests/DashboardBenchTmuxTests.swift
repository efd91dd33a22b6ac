import Foundation
import Testing
import TmuxTesting

/// `streamtop bench dashboard --json`: the real-terminal rows (the dashboard in tmux) come in
/// `bench engine`'s row shape, with figures that agree with each other.
@Suite(.enabled(if: TmuxPane.ready, "needs tmux and the streamtop binary (swift build)"))
struct DashboardBenchTmuxTests {
    @Test("tmux rows: fps from the status bar, process CPU against headless, UI CPU as their difference")
    func tmuxRowsParse() throws {
        let binary = try #require(TmuxPane.binaryPath)
        let result = try TmuxPane.runSeparatingErrors([binary, "bench", "dashboard", "--json", "--quick", "--seconds", "1"])
        try #require(result.status == 0, "bench dashboard failed: \(result.output)\(result.errors)")
        let document = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        let rows = try #require(document?["benchmarks"] as? [[String: Any]])
        var byName: [String: [String: Any]] = [:]
        for row in rows {
            #expect(Set(row.keys).isSuperset(of: ["name", "params", "value", "unit"]), "row keys \(row.keys.sorted())")
            if let name = row["name"] as? String { byName[name] = row }
        }
        let fps = try #require(byName["tmux fps"])
        let process = try #require(byName["tmux process cpu"])
        let ui = try #require(byName["tmux ui cpu"])
        for row in [fps, process, ui] {
            let params = try #require(row["params"] as? [String: String])
            #expect(params["terminal"] == "tmux")
            #expect(params["workload"] == "matmul-exp-split")
            let value = try #require(row["value"] as? Double)
            let peer = try #require(row["peer_value"] as? Double)
            let ratio = try #require(row["ratio"] as? Double)
            #expect(abs(ratio - value / peer) <= 1e-9 * max(1, ratio), "\(row["name"]!): ratio is value / peer_value")
        }
        let fpsValue = try #require(fps["value"] as? Double)
        #expect(fpsValue >= 1 && fpsValue <= 25, "a 20 fps dashboard shows \(fpsValue) fps")
        #expect(fps["unit"] as? String == "frames/s")
        let processCPU = try #require(process["value"] as? Double)
        let workloadCPU = try #require(process["peer_value"] as? Double)
        let uiCPU = try #require(ui["value"] as? Double)
        #expect(processCPU > 0, "the dashboard process used no CPU")
        #expect(abs(uiCPU - max(0, processCPU - workloadCPU)) <= 1e-6, "ui = process − headless workload")
        let thread = try #require(byName["tmux ui thread cpu"]?["value"] as? Double)
        let profiler = try #require(byName["tmux profiler thread cpu"]?["value"] as? Double)
        #expect(thread > 0, "the dashboard's main thread drew frames for a second, so it used CPU")
        #expect(thread + profiler <= processCPU + 1e-6, "two threads use no more than their process")
    }
}

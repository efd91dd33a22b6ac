import ArgumentParser
import Dashboard
import Engine
import Foundation
import Profiler
import TerminalUI
import Workloads

/// `streamtop bench dashboard [--json] [--quick]`: what the dashboard costs. Off-screen (a 120×40
/// canvas diffed and serialised to ANSI as a terminal would get it): the frames per second it
/// keeps at 20 fps and makes unpaced, the UI thread's CPU time per second, and a workload's
/// throughput with the dashboard watching against headless (no profiler, no UI), and with the
/// profiler alone, alternated. In a real terminal (tmux, when installed): the fps the status bar
/// shows and the dashboard process's CPU, against the same workload's CPU headless.
struct DashboardBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: DashboardBenchmark.suite, abstract: "The dashboard's frame rate, UI CPU time and workload slowdown.")

    @Flag(help: "Print JSON: {\"benchmarks\":[{name, params, value, unit, peer, peer_value, ratio}]}.")
    var json = false

    @Flag(help: "Shorter measurements (for smoke tests).")
    var quick = false

    @Option(help: "Seconds the dashboard runs in tmux (default 5; 2 with --quick).")
    var seconds: Double?

    @Option(help: "How stale the profiler's op percentiles may be, in ms (0: recomputed every frame, as before the cache).")
    var percentileRefreshMs: Int = ProfilerConfiguration().percentileRefreshMs

    func validate() throws {
        if let seconds, !(seconds.isFinite && seconds >= 0.5 && seconds <= 600) {
            throw ValidationError("--seconds \(seconds): expected 0.5…600")
        }
        guard (0...60_000).contains(percentileRefreshMs) else {
            throw ValidationError("--percentile-refresh-ms \(percentileRefreshMs): expected 0…60000")
        }
    }

    func run() throws {
        var configuration = ProfilerConfiguration()
        configuration.percentileRefreshMs = percentileRefreshMs
        try DashboardBenchmark.report(json: json, quick: quick, tmuxSeconds: seconds ?? (quick ? 2 : 5),
                                      profiler: configuration)
    }
}

enum DashboardBenchmark {
    static let suite = "dashboard"
    static let workload = "matmul-exp-split"
    static let values = ["placement": "cpu,cpu", "iterations": "200", "m": "1024"]

    /// Prints the results as `bench engine` does: a table, or `{"benchmarks": [...]}`.
    static func report(json: Bool, quick: Bool, tmuxSeconds: Double, profiler: ProfilerConfiguration) throws {
        var results = try run(seconds: quick ? 0.5 : 3, profiler: profiler)
        if TmuxDriver.available {
            results += try terminalRows(seconds: tmuxSeconds, profiler: profiler)
        } else {
            FileHandle.standardError.write(Data("bench dashboard: tmux is not installed; off-screen rows only\n".utf8))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            struct Document: Encodable { let benchmarks: [BenchResult] }
            print(String(decoding: try encoder.encode(Document(benchmarks: results)), as: UTF8.self))
            return
        }
        for r in results {
            var line = r.name.padding(toLength: 24, withPad: " ", startingAt: 0)
                + String(format: "%10.3f ", r.value) + r.unit.padding(toLength: 10, withPad: " ", startingAt: 0)
            if let peer = r.peer, let pv = r.peer_value, let ratio = r.ratio {
                line += "  \(peer) " + String(format: "%.3f   ratio %.3f", pv, ratio)
            }
            print(line)
        }
    }

    static func entry() throws -> WorkloadEntry {
        guard let entry = WorkloadEntry.catalog().first(where: { $0.name == workload }) else {
            throw RuntimeError("bench dashboard: workload \(workload) is missing from the catalog")
        }
        if let problem = entry.validate(values) { throw RuntimeError("bench dashboard: \(problem)") }
        return entry
    }

    static func params(_ terminal: String, profiler: ProfilerConfiguration) -> [String: String] {
        values.merging(["workload": workload, "size": "120x40", "fps": "20", "terminal": terminal,
                        "percentile_refresh_ms": "\(profiler.percentileRefreshMs)"]) { a, _ in a }
    }

    /// The real-terminal rows: fps off the status bar, and the dashboard process's CPU less the
    /// same workload's CPU headless in this process (both figures are reported).
    static func terminalRows(seconds: Double, profiler: ProfilerConfiguration) throws -> [BenchResult] {
        let entry = try entry()
        // The dashboard in tmux runs with the default profiler configuration.
        var params = params("tmux", profiler: ProfilerConfiguration())
        params["seconds"] = String(format: "%g", seconds)
        var workloadCPU = 0.0
        _ = throughput(entry, seconds: seconds, dashboard: nil, profiler: profiler) { workloadCPU = $0 }
        let tmux = try DashboardTmuxRun.measure(workload: workload, values: values, seconds: seconds)
        let ui = max(0, tmux.processCPU - workloadCPU) * 100
        return [
            BenchResult(name: "tmux fps", params: params, value: tmux.fps, unit: "frames/s", peer: "target",
                        peer_value: 20, ratio: tmux.fps / 20),
            BenchResult(name: "tmux process cpu", params: params, value: tmux.processCPU * 100, unit: "% core",
                        peer: "headless workload", peer_value: workloadCPU * 100,
                        ratio: tmux.processCPU / max(workloadCPU, 1e-12)),
            BenchResult(name: "tmux ui cpu", params: params, value: ui, unit: "% core", peer: "target",
                        peer_value: 5, ratio: ui / 5),
            // Per thread, immune to the workload's CPU varying between the two runs.
            BenchResult(name: "tmux ui thread cpu", params: params, value: tmux.uiThreadCPU * 100, unit: "% core",
                        peer: "target", peer_value: 5, ratio: tmux.uiThreadCPU * 100 / 5),
            BenchResult(name: "tmux profiler thread cpu", params: params, value: tmux.profilerThreadCPU * 100,
                        unit: "% core", peer: nil, peer_value: nil, ratio: nil),
        ]
    }

    static func run(seconds: Double, profiler: ProfilerConfiguration) throws -> [BenchResult] {
        let entry = try entry()
        let params = params("off-screen", profiler: profiler)
        // Alternate so drift (thermal, other load) hits both sides alike; keep the best of each.
        var headless = 0.0
        var profiled = 0.0
        var watched = 0.0
        var uiCPU = Double.infinity
        var paced = 0.0
        for _ in 0..<2 {
            headless = max(headless, throughput(entry, seconds: seconds, dashboard: nil, profiler: profiler))
            // The profiler recording with no frames drawn: splits the slowdown between the two.
            profiled = max(profiled, throughput(entry, seconds: seconds, dashboard: { _, s in usleep(UInt32(s * 1e6)) }, profiler: profiler))
            var ui = (cpu: 0.0, fps: 0.0)
            watched = max(watched, throughput(entry, seconds: seconds, dashboard: { ui = frames($0, seconds: $1, fps: 20) }, profiler: profiler))
            uiCPU = min(uiCPU, ui.cpu)
            paced = max(paced, ui.fps)
        }
        // The profiler's share of a frame: snapshots alone, 20 a second, timed on this thread.
        var snapshot = (mean: 0.0, max: 0.0)
        _ = throughput(entry, seconds: seconds, dashboard: { snapshot = snapshots($0.profiler, seconds: $1) },
                       profiler: profiler)
        var capacity = 0.0
        _ = throughput(entry, seconds: seconds, dashboard: { capacity = frames($0, seconds: $1, fps: nil).fps }, profiler: profiler)
        return [
            BenchResult(name: "dashboard fps", params: params, value: paced, unit: "frames/s", peer: "target",
                        peer_value: 20, ratio: paced / 20),
            BenchResult(name: "dashboard fps unpaced", params: params, value: capacity, unit: "frames/s", peer: nil,
                        peer_value: nil, ratio: nil),
            BenchResult(name: "dashboard ui cpu", params: params, value: uiCPU * 100, unit: "% core", peer: "target",
                        peer_value: 5, ratio: uiCPU * 100 / 5),
            BenchResult(name: "profiler snapshot", params: params, value: snapshot.mean * 1e3, unit: "ms cpu",
                        peer: "target", peer_value: 2, ratio: snapshot.mean * 1e3 / 2),
            BenchResult(name: "profiler snapshot max", params: params, value: snapshot.max * 1e3, unit: "ms cpu",
                        peer: "target", peer_value: 2, ratio: snapshot.max * 1e3 / 2),
            BenchResult(name: "workload profiled", params: params, value: profiled, unit: "runs/s",
                        peer: "headless", peer_value: headless, ratio: profiled / max(headless, 1e-12)),
            BenchResult(name: "workload watched", params: params, value: watched, unit: "runs/s",
                        peer: "headless", peer_value: headless, ratio: watched / max(headless, 1e-12)),
        ]
    }

    /// Runs the workload looping for `seconds` and returns completed runs per second. With a
    /// dashboard, a profiler records and `dashboard` draws frames on this thread meanwhile.
    /// `processCPU` gets this process's CPU seconds per wall second over the measurement.
    static func throughput(_ entry: WorkloadEntry, seconds: Double, dashboard: ((ProfilerSource, Double) -> Void)?,
                           profiler: ProfilerConfiguration, processCPU: (Double) -> Void = { _ in }) -> Double {
        // The profiler starts with the loop, so it sees the workload from its first op.
        let source = dashboard == nil ? nil : ProfilerSource(profiler: Profiler(profiler))
        let loop = WorkloadLoop()
        loop.start(entry, values: values)
        // Warm up: the first run allocates and fills the pool.
        while iterations(loop) < 1, !failed(loop) { usleep(1000) }
        let first = iterations(loop)
        let cpu0 = ownCPU()
        let start = FrameClockReading.now()
        if let dashboard, let source {
            dashboard(source, seconds)
        } else {
            usleep(UInt32(seconds * 1e6))
        }
        let done = iterations(loop) - first
        let elapsed = FrameClockReading.now() - start
        processCPU((ownCPU() - cpu0) / elapsed)
        loop.stopAndWait(timeout: 30)
        withExtendedLifetime(source) {}
        return Double(done) / elapsed
    }

    /// Draws frames for `seconds` (paced at `fps`, or as fast as possible when nil); returns the
    /// UI thread's CPU seconds per wall second and the frames per second made.
    static func frames(_ source: ProfilerSource, seconds: Double, fps: Int?) -> (cpu: Double, fps: Double) {
        let app = DashboardApp(source: source, runner: WorkloadLoop(), catalog: [], options: DashboardOptions())
        var previous = Canvas(width: 120, height: 40)
        let serializer = AnsiSerializer()
        var bytes = 0
        let cpu0 = threadCPU()
        let start = FrameClockReading.now()
        var count = 0
        while FrameClockReading.now() - start < seconds {
            var canvas = Canvas(width: 120, height: 40)
            app.draw(into: &canvas, fps: 20, frameTime: 0)
            bytes += serializer.serialize(canvas.diff(from: previous)).count
            previous = canvas
            count += 1
            if let fps {
                let next = start + Double(count) / Double(fps)
                let wait = next - FrameClockReading.now()
                if wait > 0 { usleep(UInt32(wait * 1e6)) }
            }
        }
        let wall = FrameClockReading.now() - start
        _ = bytes
        return ((threadCPU() - cpu0) / wall, Double(count) / wall)
    }

    /// Takes 20 snapshots a second for `seconds`; the mean and largest thread CPU seconds of one.
    static func snapshots(_ profiler: Profiler, seconds: Double) -> (mean: Double, max: Double) {
        let start = FrameClockReading.now()
        var count = 0
        var total = 0.0
        var largest = 0.0
        while FrameClockReading.now() - start < seconds {
            let cpu0 = threadCPU()
            withExtendedLifetime(profiler.snapshot()) {}
            let cpu = threadCPU() - cpu0
            total += cpu
            largest = max(largest, cpu)
            count += 1
            let wait = start + Double(count) / 20 - FrameClockReading.now()
            if wait > 0 { usleep(UInt32(wait * 1e6)) }
        }
        return (total / Double(max(count, 1)), largest)
    }

    static func iterations(_ loop: WorkloadLoop) -> Int {
        if case .running(_, let n) = loop.state { return n }
        return 0
    }

    static func failed(_ loop: WorkloadLoop) -> Bool {
        if case .failed = loop.state { return true }
        return false
    }

    /// This process's user + system CPU seconds, every thread.
    static func ownCPU() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// Monotonic seconds.
enum FrameClockReading {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

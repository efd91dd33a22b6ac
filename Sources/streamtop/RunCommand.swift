import ArgumentParser
import Dispatch
import Engine
import Foundation
import Profiler
import Workloads

/// `streamtop run NAME`: one workload headless, its own result, then the profiler's summary.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one workload headless: its result and checks, then the profile summary.",
        discussion: """
            Workload parameters are given as --NAME VALUE (`streamtop list` shows each workload's, with \
            types, defaults and allowed values); --placement, --size, --iterations and --seed are the common ones. \
            --placement all runs every placement the workload has on the devices this machine has, and lists the             others as skipped with the reason; naming a device that is missing is an error.             Bad input exits with status 64 before anything runs; a failure while running, or a failed check, exits 1.

            Examples:
              streamtop run matmul-exp-split --placement cpu,gpu --trace out.json
              streamtop run reduce --size 1048576 --json
              streamtop run random-graph --loop 30
            """)

    @Argument(help: "The workload to run (see `streamtop list`).")
    var workload: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Devices to run on: cpu, gpu, gpu:N, a pair such as cpu,gpu, or all.", valueName: "devices"))
    var placement: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Problem size (elements, or a length; see `streamtop list`).", valueName: "n"))
    var size: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How many times the workload's main step repeats.", valueName: "n"))
    var iterations: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of the random inputs.", valueName: "n"))
    var seed: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Repeat the workload until this many seconds have passed (Ctrl-C stops early).", valueName: "seconds"))
    var loop: String?

    @Option(help: ArgumentHelp("Write a Chrome/Perfetto trace of the run to this file.", valueName: "file"))
    var trace: String?

    @Flag(help: "Print one JSON document (result, checks and profile) instead of text.")
    var json = false

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Workload parameters as --NAME VALUE, e.g. --m 1024.", valueName: "parameters"))
    var parameters: [String] = []

    func validate() throws {
        _ = try validated()
    }

    /// Everything checked before a run: the workload, its parameters, --loop and --trace.
    func validated() throws -> (any Workload, WorkloadArguments, loopSeconds: Double?, traceURL: URL?) {
        var values = try WorkloadFlags.parse(parameters)
        for (name, value) in [("placement", placement), ("size", size), ("iterations", iterations), ("seed", seed)] {
            guard let value else { continue }
            guard values[name] == nil else { throw ValidationError("--\(name) is given twice") }
            values[name] = value
        }
        let workload: any Workload
        let arguments: WorkloadArguments
        do {
            (workload, arguments) = try Catalog.validate(self.workload, values)
        } catch {
            throw ValidationError(error.description)
        }
        var loopSeconds: Double?
        if let loop {
            guard let seconds = Double(loop.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds > 0, seconds <= 604_800 else {
                throw ValidationError("--loop '\(loop)': expected seconds, a number greater than 0 and at most 604800 (a week)")
            }
            loopSeconds = seconds
        }
        return (workload, arguments, loopSeconds, try traceURL())
    }

    /// The trace's URL, refused up front when its folder is missing or not writable (so a run is
    /// never wasted, and nothing is left half-written).
    private func traceURL() throws -> URL? {
        guard let trace else { return nil }
        guard !trace.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--trace: the file name is empty") }
        let url = URL(fileURLWithPath: trace)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw ValidationError("--trace '\(trace)': is a folder; give a file name")
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("--trace '\(trace)': the folder '\(folder)' does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw ValidationError("--trace '\(trace)': the folder '\(folder)' is not writable")
        }
        return url
    }

    func run() throws {
        let (workload, arguments, loopSeconds, traceURL) = try validated()
        var configuration = ProfilerConfiguration()
        configuration.keepSession = traceURL != nil
        let profiler = Profiler(configuration)
        let stop = StopToken()
        let interrupt = loopSeconds == nil ? nil : Self.stopOnInterrupt(stop)
        defer { interrupt?.cancel() }
        let bar = ProgressBar(label: workload.name)
        let json = self.json
        if !json {
            print("== \(workload.name): \(workload.summary)")
            let given = workload.parameters.map { "--\($0.name) \(arguments.texts[$0.name] ?? $0.defaultText)" }
            if !given.isEmpty { print("parameters: " + given.joined(separator: " ")) }
        }
        profiler.start()
        let outcome: WorkloadRunner.Outcome
        do {
            outcome = try WorkloadRunner.run(
                workload, arguments, mode: loopSeconds.map { .loop(seconds: $0) } ?? .once, stop: stop,
                sink: { line in if !json { bar.print(line) } }, progress: { bar.update($0) })
        } catch {
            bar.finish()
            profiler.stop()
            throw RuntimeError("\(workload.name): \(error)")
        }
        bar.finish()
        profiler.stop()
        let summary = profiler.summary()
        if let traceURL {
            try ChromeTrace.write(profiler.session(), to: traceURL, metadata: ["workload": workload.name])
        }
        let failed = outcome.result.failedChecks.count
        if json {
            let document = RunDocument(
                workload: .init(name: workload.name, summary: workload.summary), parameters: arguments.texts, loopSeconds: loopSeconds,
                runs: outcome.runs, failedRuns: outcome.failedRuns, stopped: outcome.stopped, wallSeconds: outcome.seconds,
                passed: outcome.passed, result: outcome.result, profile: summary, trace: traceURL?.path)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(document), as: UTF8.self))
        } else {
            let checks = outcome.result.checks.count
            print("checks: \(checks - failed) passed, \(failed) failed")
            if loopSeconds != nil {
                print("loop: \(outcome.runs) runs in " + String(format: "%.1f s", outcome.seconds) + ", \(outcome.failedRuns) with a failed check" + (outcome.stopped ? " (stopped)" : ""))
            }
            let profile = summary.table()
            if !profile.isEmpty {
                print("")
                print(profile)
            }
            if let traceURL { print("trace: \(traceURL.path)") }
        }
        guard outcome.passed else {
            throw RuntimeError("\(workload.name): \(failed > 0 ? "\(failed) checks failed" : "\(outcome.failedRuns) runs had a failed check")")
        }
    }

    /// In --loop mode, Ctrl-C stops at the workload's next safe point and the summary still prints.
    private static func stopOnInterrupt(_ stop: StopToken) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { stop.stop() }
        source.resume()
        return source
    }
}

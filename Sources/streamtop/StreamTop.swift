import ArgumentParser
import Engine
import Foundation
import Workloads

@main
struct StreamTop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streamtop",
        abstract: "A lazy array engine with CPU and OpenCL streams, and a live profiler that watches it.",
        subcommands: [Dashboard.self, Run.self, List.self, Devices.self, Bench.self, VerifyCommand.self, TuneCommand.self],
        defaultSubcommand: Dashboard.self)
}

/// Until the live dashboard lands, the default command runs the quick-start workloads headless.
struct Dashboard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "The live dashboard (for now: runs the quick-start workloads headless).")

    func run() throws {
        for name in ["arrays", "lazy-vs-eager", "matmul-exp-split"] {
            try runWorkload(name, settings: WorkloadSettings())
        }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one workload headless and print its results.",
        discussion: "Workload parameters are given as --NAME VALUE; `streamtop list` shows them.")

    @Argument(help: "The workload to run (see `streamtop list`).")
    var workload: String

    @Argument(parsing: .allUnrecognized, help: "Workload parameters as --NAME VALUE.")
    var parameters: [String] = []

    func validate() throws {
        _ = try settings()
    }

    func settings() throws -> WorkloadSettings {
        let spec: any Workload
        do {
            spec = try Catalog.named(workload)
        } catch {
            throw ValidationError("\(error)")
        }
        var values: [String: String] = [:]
        var rest = parameters[...]
        while let flag = rest.popFirst() {
            guard flag.hasPrefix("--"), flag.count > 2 else { throw ValidationError("unexpected argument '\(flag)'") }
            var name = String(flag.dropFirst(2))
            var value: String
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            } else {
                guard let next = rest.popFirst() else { throw ValidationError("parameter '--\(name)' needs a value") }
                value = next
            }
            guard spec.parameters.contains(where: { $0.name == name }) else {
                let known = spec.parameters.map { "--\($0.name)" }.joined(separator: ", ")
                throw ValidationError("workload '\(workload)' has no parameter '--\(name)' (it has: \(known.isEmpty ? "none" : known))")
            }
            value = value.trimmingCharacters(in: .whitespaces)
            values[name] = value
        }
        return WorkloadSettings(values)
    }

    func run() throws {
        try runWorkload(workload, settings: settings())
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the workloads and their parameters.")

    func run() {
        for workload in Catalog.all {
            print("\(workload.name)  —  \(workload.summary)")
            for p in workload.parameters {
                print("    --\(p.name) \(p.defaultValue)    \(p.summary)")
            }
        }
    }
}

struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the devices the engine can use.")

    func run() {
        print("\(Device.cpu): \(ProcessInfo.processInfo.activeProcessorCount) cores, OpenBLAS")
        switch OpenCLDevices.availability {
        case .available(let devices):
            for device in devices {
                print("\(Device.gpu(device.gpuIndex)): \(device.summary)")
                print("    matmul float32 tiles: \(SgemmTileChoice.resolve(for: device))")
            }
        case .unavailable(let reason):
            print("\(Device.gpu(0)): unavailable — \(reason)")
        }
        for note in OpenCLDevices.notes { print("note: \(note)") }
    }
}

func runWorkload(_ name: String, settings: WorkloadSettings) throws {
    let workload = try Catalog.named(name)
    print("== \(workload.name): \(workload.summary)")
    let report = WorkloadReport { print($0) }
    do {
        try workload.run(settings, report: report)
    } catch {
        throw RuntimeError("\(name): \(error)")
    }
}

struct RuntimeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

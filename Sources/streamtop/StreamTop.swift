import ArgumentParser
import Engine
import Foundation
import Workloads

@main
struct StreamTop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streamtop",
        abstract: "A lazy array engine with CPU and OpenCL streams, and a live profiler that watches it.",
        subcommands: [DashboardCommand.self, Run.self, List.self, Devices.self, Bench.self],
        defaultSubcommand: DashboardCommand.self)
}

struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the devices the engine can use.")

    func run() {
        print("\(Device.cpu): \(ProcessInfo.processInfo.activeProcessorCount) cores, OpenBLAS")
        print("\(Device.gpu(0)): unavailable — the OpenCL backend is not part of this build yet")
    }
}

import ArgumentParser
import Engine
import Foundation
import Workloads

@main
struct StreamTop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streamtop",
        abstract: "A lazy array engine with CPU and OpenCL streams, and a live profiler that watches it.",
        subcommands: [DashboardCommand.self, Run.self, List.self, Devices.self, Bench.self, VerifyCommand.self, TuneCommand.self],
        defaultSubcommand: DashboardCommand.self)
}

struct Devices: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the devices the engine can use.")

    func run() {
        print("\(Device.cpu): \(ProcessInfo.processInfo.activeProcessorCount) cores, OpenBLAS")
        switch OpenCLDevices.availability {
        case .available(let devices):
            for device in devices {
                print("\(Device.gpu(device.gpuIndex)): \(device.summary)")
                let choice = SgemmTileChoice.resolve(for: device)
                print("    matmul float32 tiles: \(choice)")
                for line in choice.perBucket { print("      \(line)") }
            }
        case .unavailable(let reason):
            print("\(Device.gpu(0)): unavailable — \(reason)")
        }
        for note in OpenCLDevices.notes { print("note: \(note)") }
    }
}

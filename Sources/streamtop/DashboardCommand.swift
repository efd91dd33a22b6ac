import ArgumentParser
import Dashboard
import Foundation
import Workloads

/// The default command: the live dashboard. `streamtop` opens it with the workload menu
/// focused; `streamtop --workload NAME [--placement …] [--size …]` opens it with that workload
/// already looping.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The live dashboard: pick a workload and watch each CPU and GPU stream run it.",
        discussion: """
            Other workload parameters are given as --NAME VALUE (see `streamtop list`). Keys: ? or F1 \
            in the dashboard. Without a terminal on stdout, use `streamtop run WORKLOAD`.
            """)

    @Option(help: "Start this workload looping (see `streamtop list`).")
    var workload: String?

    @Option(help: "The workload's placement, e.g. cpu,gpu.")
    var placement: String?

    @Option(help: "The workload's size parameter.")
    var size: String?

    @Option(help: "Frames per second, 1…120.")
    var fps: Int = 20

    @Option(help: "A theme name (from themes/ or ~/.config/streamtop/themes) or a .theme file.")
    var theme: String?

    @Option(help: "Folder `e` writes Perfetto traces into.")
    var traceDir: String = "."

    @Flag(help: "Do not capture the mouse (lets the terminal select text).")
    var noMouse = false

    @Argument(parsing: .allUnrecognized, help: "Other workload parameters as --NAME VALUE.")
    var parameters: [String] = []

    func validate() throws {
        guard (1...120).contains(fps) else { throw ValidationError("--fps must be 1…120, not \(fps)") }
        guard workload != nil || (placement == nil && size == nil && parameters.isEmpty) else {
            throw ValidationError("--placement, --size and workload parameters need --workload NAME")
        }
        if let workload {
            do {
                _ = try Catalog.validate(workload, try values())
            } catch let error as WorkloadError {
                throw ValidationError("\(error)")
            }
        }
    }

    func values() throws -> [String: String] {
        var values = try WorkloadFlags.parse(parameters)
        for (name, value) in [("placement", placement), ("size", size)] {
            guard let value else { continue }
            guard values[name] == nil else { throw ValidationError("--\(name) is given twice") }
            values[name] = value
        }
        return values
    }

    func run() throws {
        guard isatty(STDOUT_FILENO) == 1, isatty(STDIN_FILENO) == 1 else {
            FileHandle.standardError.write(Data(
                "streamtop: the dashboard needs a terminal; for output to a pipe or file use `streamtop run WORKLOAD` (see `streamtop list`)\n".utf8))
            throw ExitCode(2)
        }
        let options = DashboardOptions(fps: fps, theme: theme, workload: workload, values: try values(),
                                       traceDirectory: traceDir, mouse: !noMouse)
        let app = DashboardApp(source: ProfilerSource(), runner: WorkloadLoop(), catalog: WorkloadEntry.catalog(),
                               options: options)
        let status = try app.run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// A failure while running (not bad input): its message, exit status 1.
struct RuntimeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

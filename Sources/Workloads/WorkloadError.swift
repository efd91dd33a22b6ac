/// Bad input to a workload, found before it runs. Every case names the parameter (as its
/// `--flag`) and what is allowed, so the CLI can print it as a usage error.
public enum WorkloadError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownWorkload(String)
    case unknownParameter(workload: String, name: String, known: [String])
    case badValue(parameter: String, value: String, problem: String, allowed: String)
    case unavailableDevice(parameter: String, value: String, reason: String)
    case tooLarge(workload: String, parameters: [String], bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .unknownWorkload(let name):
            return "unknown workload '\(name)' (allowed: \(Catalog.all.map(\.name).joined(separator: ", ")); `streamtop list` describes them)"
        case .unknownParameter(let workload, let name, let known):
            let list = known.isEmpty ? "none" : known.map { "--\($0)" }.joined(separator: ", ")
            return "workload '\(workload)' has no parameter '--\(name)' (it takes: \(list))"
        case .badValue(let parameter, let value, let problem, let allowed):
            return "--\(parameter) '\(value)': \(problem) (allowed: \(allowed))"
        case .unavailableDevice(let parameter, let value, let reason):
            return "--\(parameter) '\(value)': \(reason) (use --\(parameter) cpu, or all to skip what is missing)"
        case .tooLarge(let workload, let parameters, let bytes, let limit):
            let flags = parameters.map { "--\($0)" }.joined(separator: ", ")
            return "\(flags): \(workload) would need about \(Bytes.format(bytes)), more than the memory limit of \(Bytes.format(limit)); choose smaller values"
        }
    }
}

/// Thrown out of a workload's run when its stop token fired; the runner ends quietly.
public struct WorkloadStopped: Error, Sendable {}

/// A validated parameter value.
public enum ParameterValue: Sendable, Equatable {
    case integer(Int)
    case integers([Int])
    /// The chosen placements; `all` is true when the user asked for every option.
    case placements([Placement], all: Bool)
}

/// A workload's parameters after validation: every declared parameter has a value (the default
/// where none was given), so a workload reads them without error handling.
public struct WorkloadArguments: Sendable, Equatable {
    public let values: [String: ParameterValue]
    /// The text of each value as given (or the default's), for printing and JSON.
    public let texts: [String: String]

    public init(values: [String: ParameterValue], texts: [String: String]) {
        self.values = values
        self.texts = texts
    }

    public func int(_ name: String) -> Int {
        guard case .integer(let value)? = values[name] else { preconditionFailure("workload reads undeclared integer '\(name)'") }
        return value
    }

    public func ints(_ name: String) -> [Int] {
        guard case .integers(let value)? = values[name] else { preconditionFailure("workload reads undeclared list '\(name)'") }
        return value
    }

    /// The placements asked for (several for `all`).
    public func placements(_ name: String = "placement") -> [Placement] {
        guard case .placements(let value, _)? = values[name] else { preconditionFailure("workload reads undeclared placement '\(name)'") }
        return value
    }

    /// The seed as the engine's key type.
    public var seed: UInt64 { UInt64(int("seed")) }
}

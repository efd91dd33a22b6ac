import Foundation
import Workloads

/// A workload as the menu shows and runs it: its parameters with defaults and validation,
/// and a body that runs it once.
public struct WorkloadEntry: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var defaultValue: String
        public var summary: String
        /// An error message for a bad value, nil when it is fine.
        public var validate: @Sendable (String) -> String?

        public init(name: String, defaultValue: String, summary: String,
                    validate: @escaping @Sendable (String) -> String? = { _ in nil }) {
            self.name = name
            self.defaultValue = defaultValue
            self.summary = summary
            self.validate = validate
        }
    }

    public var name: String
    public var summary: String
    public var parameters: [Parameter]
    /// Runs the workload once with these values; throws its error.
    public var runOnce: @Sendable ([String: String]) throws -> Void

    public init(name: String, summary: String, parameters: [Parameter],
                runOnce: @escaping @Sendable ([String: String]) throws -> Void) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.runOnce = runOnce
    }

    /// The first bad value, as "parameter 'x': message"; nil when all are valid.
    public func validate(_ values: [String: String]) -> String? {
        for (key, _) in values where !parameters.contains(where: { $0.name == key }) {
            let known = parameters.map(\.name).joined(separator: ", ")
            return "workload '\(name)' has no parameter '\(key)' (it has: \(known.isEmpty ? "none" : known))"
        }
        for parameter in parameters {
            if let value = values[parameter.name], let message = parameter.validate(value) {
                return "parameter '\(parameter.name)': \(message)"
            }
        }
        return nil
    }
}

extension WorkloadEntry {
    /// The engine's workload catalog, in menu order.
    public static func catalog() -> [WorkloadEntry] {
        Catalog.all.map { workload in
            WorkloadEntry(
                name: workload.name, summary: workload.summary,
                parameters: workload.parameters.map { p in
                    Parameter(name: p.name, defaultValue: p.defaultValue, summary: p.summary,
                              validate: { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "must not be empty" : nil })
                },
                runOnce: { values in try workload.run(WorkloadSettings(values), report: WorkloadReport()) })
        }
    }
}

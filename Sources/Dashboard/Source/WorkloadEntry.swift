import Foundation
import Workloads

/// A workload as the menu shows and runs it: its parameters with defaults and validation,
/// and a body that runs it once and stops early when its token fires.
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
    /// Checks a whole set of values (unknown names, devices, memory); nil when they can run.
    public var check: @Sendable ([String: String]) -> String?
    /// Runs the workload once; throws its error (or `WorkloadStopped` after `stop` fired).
    /// Returns a failed check's description, nil when every check passed.
    public var runOnce: @Sendable ([String: String], StopToken) throws -> String?

    public init(name: String, summary: String, parameters: [Parameter],
                check: @escaping @Sendable ([String: String]) -> String? = { _ in nil },
                runOnce: @escaping @Sendable ([String: String], StopToken) throws -> String?) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.check = check
        self.runOnce = runOnce
    }

    /// The first problem with `values`, naming the parameter; nil when they can run.
    public func validate(_ values: [String: String]) -> String? {
        for key in values.keys.sorted() where !parameters.contains(where: { $0.name == key }) {
            let known = parameters.map(\.name).joined(separator: ", ")
            return "workload '\(name)' has no parameter '\(key)' (it has: \(known.isEmpty ? "none" : known))"
        }
        for parameter in parameters {
            if let value = values[parameter.name], let message = parameter.validate(value) { return message }
        }
        return check(values)
    }
}

extension WorkloadEntry {
    /// The engine's workload catalog, in menu order, validated by the catalog's own rules.
    public static func catalog() -> [WorkloadEntry] {
        Catalog.all.map { workload in
            WorkloadEntry(
                name: workload.name, summary: workload.summary,
                parameters: workload.parameters.map { p in
                    Parameter(name: p.name, defaultValue: p.defaultText, summary: "\(p.summary) (\(p.allowed))",
                              validate: { text in
                                  do { _ = try p.parse(text) } catch { return "\(error)" }
                                  return nil
                              })
                },
                check: { values in
                    do { _ = try Catalog.validate(workload, values) } catch { return "\(error)" }
                    return nil
                },
                runOnce: { values, stop in
                    let arguments = try Catalog.validate(workload, values)
                    let context = WorkloadContext(report: WorkloadReport(), stop: stop)
                    try workload.run(arguments, context: context)
                    return context.report.result.failedChecks.first.map { "check \($0.name) failed: \($0.detail)" }
                })
        }
    }
}

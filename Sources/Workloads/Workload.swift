import Engine

/// A named, described, parameterised program over the engine — what the dashboard's menu lists and
/// `streamtop run NAME` executes headless.
///
/// A workload declares its parameters (with types, defaults and allowed values) so that
/// `Catalog.validate` can refuse bad input before anything runs, and it checks its own result
/// against an independent reference, reporting each check through `context.report`.
///
/// ```swift
/// let (workload, arguments) = try Catalog.validate("reduce", ["size": "1024"])
/// let outcome = try WorkloadRunner.run(workload, arguments)
/// print(outcome.result.passed)
/// ```
public protocol Workload: Sendable {
    var name: String { get }
    var summary: String { get }
    var parameters: [WorkloadParameter] { get }

    /// About how many bytes one run holds at its peak (engine arrays plus host-side references),
    /// so absurd sizes are refused before anything is allocated. Saturates instead of overflowing.
    func estimatedBytes(_ arguments: WorkloadArguments) -> Int

    /// Runs once. Throws on an engine failure, or `WorkloadStopped` when `context.stop` fired.
    func run(_ arguments: WorkloadArguments, context: WorkloadContext) throws
}

extension Workload {
    public func parameter(named name: String) -> WorkloadParameter? {
        parameters.first { $0.name == name }
    }
}

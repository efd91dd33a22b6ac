import Foundation
import Engine

/// A named, described, parameterised program over the engine — what the dashboard's menu lists and
/// `streamtop run NAME` executes headless.
public protocol Workload: Sendable {
    var name: String { get }
    var summary: String { get }
    var parameters: [WorkloadParameter] { get }
    /// Runs once, reporting what it shows through `report`.
    func run(_ settings: WorkloadSettings, report: WorkloadReport) throws
}

/// One tunable knob of a workload, with its default.
public struct WorkloadParameter: Sendable, Equatable {
    public let name: String
    public let summary: String
    public let defaultValue: String

    public init(_ name: String, _ defaultValue: String, _ summary: String) {
        self.name = name
        self.summary = summary
        self.defaultValue = defaultValue
    }
}

/// Parameter values for one run, typed on read; an unparsable value is an error naming the parameter.
public struct WorkloadSettings: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public func string(_ name: String, default fallback: String) -> String { values[name] ?? fallback }

    public func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { throw WorkloadError.badParameter(name, text, "an integer") }
        return value
    }

    public func ints(_ name: String, default fallback: [Int]) throws -> [Int] {
        guard let text = values[name] else { return fallback }
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw WorkloadError.badParameter(name, text, "a comma-separated list of integers")
        }
        return parts.map { $0! }
    }
}

public enum WorkloadError: Error, CustomStringConvertible, Equatable {
    case unknownWorkload(String)
    case unknownParameter(workload: String, name: String)
    case badParameter(String, String, String)

    public var description: String {
        switch self {
        case .unknownWorkload(let name):
            "unknown workload '\(name)'; `streamtop list` shows them: \(Catalog.all.map(\.name).joined(separator: ", "))"
        case .unknownParameter(let workload, let name):
            "workload '\(workload)' has no parameter '\(name)'"
        case .badParameter(let name, let value, let expected):
            "parameter '\(name)': '\(value)' is not \(expected)"
        }
    }
}

/// Where a workload writes what it wants shown: lines of text and timed phases.
public final class WorkloadReport: @unchecked Sendable {
    private let lock = NSLock()
    private var sink: @Sendable (String) -> Void
    public private(set) var lines: [String] = []
    public private(set) var timings: [(label: String, milliseconds: Double)] = []

    public init(sink: @escaping @Sendable (String) -> Void = { _ in }) { self.sink = sink }

    public func line(_ text: String) {
        lock.withLock { lines.append(text) }
        sink(text)
    }

    /// Times `body`, records it under `label` and prints `label: N ms`.
    @discardableResult
    public func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let start = EngineClock.now()
        let value = try body()
        let ms = Double(EngineClock.now() - start) / 1e6
        lock.withLock { timings.append((label, ms)) }
        line("\(label): \(formatMilliseconds(ms))")
        return value
    }
}

func formatMilliseconds(_ ms: Double) -> String {
    ms >= 100 ? "\(Int(ms.rounded())) ms" : String(format: "%.3f ms", ms)
}

import Engine
import Foundation

/// One tunable knob of a workload: its type, default and what is allowed, so the catalog validates
/// input before a run and `streamtop list` can say what each flag takes.
///
/// ```swift
/// WorkloadParameter("size", .integer(1...1 << 28), default: "4", "elements per array", affectsMemory: true)
/// ```
public struct WorkloadParameter: Sendable, Equatable {
    /// What values the parameter takes.
    public enum Kind: Sendable, Equatable {
        case integer(ClosedRange<Int>)
        /// A comma-separated list of 1…`maxCount` integers, each in the range.
        case integerList(ClosedRange<Int>, maxCount: Int)
        /// One of `options` (each a comma-separated list of `arity` devices), any other devices of
        /// that arity, or `all`: every option, the unavailable ones skipped with their reason.
        case placement(arity: Int, options: [String])
    }

    public let name: String
    public let kind: Kind
    /// The default in the same text form a user would type; `Catalog` tests that it validates.
    public let defaultText: String
    public let summary: String
    /// Whether the value changes how much memory a run needs (named in a too-large error).
    public let affectsMemory: Bool

    public init(_ name: String, _ kind: Kind, default defaultText: String, _ summary: String, affectsMemory: Bool = false) {
        self.name = name
        self.kind = kind
        self.defaultText = defaultText
        self.summary = summary
        self.affectsMemory = affectsMemory
    }

    /// The common `placement` parameter: one device (`cpu`, `gpu`) or `all`.
    public static func placement(default value: String = "cpu", _ summary: String = "the device it runs on") -> WorkloadParameter {
        WorkloadParameter("placement", .placement(arity: 1, options: ["cpu", "gpu"]), default: value, summary)
    }

    /// The common `seed` parameter for the random inputs.
    public static let seed = WorkloadParameter("seed", .integer(0...Int.max), default: "0", "seed of the random inputs")

    /// `integer`, `list of integers`, `placement` — for `streamtop list`.
    public var typeName: String {
        switch kind {
        case .integer: "integer"
        case .integerList: "list of integers"
        case .placement(let arity, _): arity == 1 ? "device" : "device pair"
        }
    }

    /// What is allowed, in words: `1…1048576`, `cpu,gpu | gpu,cpu | all`.
    public var allowed: String {
        switch kind {
        case .integer(let range):
            Self.describe(range)
        case .integerList(let range, let maxCount):
            "1 to \(maxCount) comma-separated integers, each \(Self.describe(range))"
        case .placement(_, let options):
            (options + ["all"]).joined(separator: " | ") + " (devices: cpu, gpu, gpu:N)"
        }
    }

    /// An optional sign and digits: an integer too large for `Int`, as opposed to not a number.
    static func isDigits(_ text: String) -> Bool {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        range.upperBound == Int.max ? "\(range.lowerBound) or more" : "\(range.lowerBound)…\(range.upperBound)"
    }

    /// Parses and range-checks `text`; an error names the parameter, the value and what is allowed.
    /// Placements are parsed only (device availability is the catalog's business).
    public func parse(_ text: String) throws(WorkloadError) -> ParameterValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func bad(_ why: String) -> WorkloadError {
            .badValue(parameter: name, value: text, problem: why, allowed: allowed)
        }
        guard !trimmed.isEmpty else { throw bad("is empty") }
        switch kind {
        case .integer(let range):
            guard let value = Int(trimmed) else { throw bad(Self.isDigits(trimmed) ? "is out of range" : "is not an integer") }
            guard range.contains(value) else { throw bad("is out of range") }
            return .integer(value)
        case .integerList(let range, let maxCount):
            let parts = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count <= maxCount else { throw bad("has \(parts.count) values") }
            var values: [Int] = []
            for part in parts {
                let item = part.trimmingCharacters(in: .whitespaces)
                guard let value = Int(item) else {
                    throw bad(Self.isDigits(item) ? "\(item) is out of range" : "'\(item)' is not an integer")
                }
                guard range.contains(value) else { throw bad("\(value) is out of range") }
                values.append(value)
            }
            return .integers(values)
        case .placement(let arity, let options):
            if trimmed == "all" {
                return .placements(try options.map { option throws(WorkloadError) in try parsePlacement(option, arity: arity, bad) }, all: true)
            }
            return .placements([try parsePlacement(trimmed, arity: arity, bad)], all: false)
        }
    }

    private func parsePlacement(_ text: String, arity: Int, _ bad: (String) -> WorkloadError) throws(WorkloadError) -> Placement {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count == arity else {
            throw bad("names \(names.count) device\(names.count == 1 ? "" : "s"), not \(arity)")
        }
        var devices: [Device] = []
        for device in names {
            guard let parsed = Placement.device(named: device) else { throw bad("'\(device)' is not a device") }
            devices.append(parsed)
        }
        return Placement(devices)
    }
}

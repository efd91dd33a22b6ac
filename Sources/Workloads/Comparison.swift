import Foundation

/// The outcome of comparing a workload's numbers with a reference: passes when every element is
/// within `atol + rtol·|expected|` (infinities must match exactly, NaN never passes).
public struct Comparison: Sendable, Equatable {
    public let passed: Bool
    public let count: Int
    public let maxAbsoluteError: Double
    public let detail: String

    public init(_ actual: [Double], _ expected: [Double], rtol: Double, atol: Double) {
        guard actual.count == expected.count else {
            passed = false
            count = actual.count
            maxAbsoluteError = .infinity
            detail = "\(actual.count) values against \(expected.count) expected"
            return
        }
        var worst = 0.0
        var bad: Int?
        for i in actual.indices {
            let a = actual[i], e = expected[i]
            if a.isInfinite || e.isInfinite {
                if a != e, bad == nil { bad = i }
                continue
            }
            let error = Swift.abs(a - e)
            if !(error <= atol + rtol * Swift.abs(e)) {  // NaN fails here too
                if bad == nil { bad = i }
            }
            if error.isFinite { worst = Swift.max(worst, error) } else { worst = .infinity }
        }
        passed = bad == nil
        count = actual.count
        maxAbsoluteError = worst
        let tolerance = "rtol \(rtol), atol \(atol)"
        if let i = bad {
            detail = "\(count) values; first mismatch at \(i): \(actual[i]) vs \(expected[i]); max error \(Self.short(worst)); \(tolerance)"
        } else {
            detail = "\(count) values, max error \(Self.short(worst)); \(tolerance)"
        }
    }

    public init(_ actual: [Float], _ expected: [Double], rtol: Double, atol: Double) {
        self.init(actual.map(Double.init), expected, rtol: rtol, atol: atol)
    }

    /// Exact comparison for integers.
    public init(exact actual: [Int64], _ expected: [Int64]) {
        let mismatch = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        passed = actual.count == expected.count && mismatch == nil
        count = actual.count
        maxAbsoluteError = passed ? 0 : .infinity
        if actual.count != expected.count {
            detail = "\(actual.count) values against \(expected.count) expected"
        } else if let i = mismatch {
            detail = "\(count) values; first mismatch at \(i): \(actual[i]) vs \(expected[i])"
        } else {
            detail = "\(count) values, exact"
        }
    }

    static func short(_ value: Double) -> String { String(format: "%.3g", value) }
}

import Foundation

/// Overflow-safe byte arithmetic for memory estimates: a product or sum that would overflow
/// saturates at `Int.max`, which any memory limit refuses.
public enum Bytes {
    public static func product(_ factors: Int...) -> Int {
        var total = 1
        for factor in factors {
            let (value, overflow) = total.multipliedReportingOverflow(by: Swift.max(factor, 0))
            if overflow { return Int.max }
            total = value
        }
        return total
    }

    public static func sum(_ terms: Int...) -> Int {
        var total = 0
        for term in terms {
            let (value, overflow) = total.addingReportingOverflow(Swift.max(term, 0))
            if overflow { return Int.max }
            total = value
        }
        return total
    }

    /// `512 MiB`, `3.2 GiB`.
    public static func format(_ bytes: Int) -> String {
        if bytes == Int.max { return "more than 8 EiB" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}

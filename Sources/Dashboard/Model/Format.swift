import Foundation

/// Short human-readable numbers for narrow columns.
public enum Format {
    /// "850ns", "12.3µs", "4.56ms", "1.23s": three significant digits, unit by magnitude.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "—" }
        let magnitude = abs(seconds)
        switch magnitude {
        case 0: return "0"
        case ..<1e-6: return "\(Int((seconds * 1e9).rounded()))ns"
        case ..<1e-3: return significant(seconds * 1e6) + "µs"
        case ..<1: return significant(seconds * 1e3) + "ms"
        default: return significant(seconds) + "s"
        }
    }

    /// A time on an axis whose ticks are `resolution` seconds apart: enough decimals to tell
    /// neighbouring ticks apart ("19.45s" for 50 ms ticks, "3.2505s" for 500 µs ticks).
    public static func tick(_ seconds: Double, resolution: Double) -> String {
        guard seconds.isFinite, resolution.isFinite, resolution > 0 else { return duration(seconds) }
        let decimals = min(9, max(0, Int((-log10(resolution)).rounded(.up))))
        return String(format: "%.\(decimals)fs", seconds)
    }

    /// "512B", "1.5KiB", "12.0MiB", "3.25GiB".
    public static func bytes(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = value
        var unit = 0
        while abs(v) >= 1024 && unit < units.count - 1 {
            v /= 1024
            unit += 1
        }
        return unit == 0 ? "\(Int(v.rounded()))B" : significant(v) + units[unit]
    }

    /// "1.2k", "340", "2.5M".
    public static func count(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        switch abs(value) {
        case ..<1000: return value == value.rounded() ? "\(Int(value))" : significant(value)
        case ..<1e6: return significant(value / 1e3) + "k"
        default: return significant(value / 1e6) + "M"
        }
    }

    /// "37%" from 0.37.
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "—" }
        return "\(Int((fraction * 100).rounded()))%"
    }

    /// "4096×512"; "scalar" for [].
    public static func shape(_ shape: [Int]) -> String {
        shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×")
    }

    /// Three significant digits without trailing noise: 1.23, 12.3, 123.
    static func significant(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2
        return String(format: "%.\(decimals)f", value)
    }
}

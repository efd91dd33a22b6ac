/// A plain aligned text table: first column left-aligned, the rest right-aligned (numbers).
struct TextTable {
    let title: String
    let header: [String]
    var rows: [[String]] = []

    func render() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var out = [title, line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// Human units for the summary: 1.234 ms, 12.3 µs, 1.5 GiB.
enum Units {
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        guard rounded < 9e18 else { return String(value) }
        let whole = Int(rounded / scale)
        let frac = Int(rounded) - whole * Int(scale)
        let sign = value < 0 && rounded != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        let fracText = String(frac)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fracText.count) + fracText
    }

    /// Microseconds → "850.0 µs", "12.35 ms", "1.234 s".
    static func time(us: Double) -> String {
        if us >= 1e6 { return fixed(us / 1e6, 3) + " s" }
        if us >= 1e3 { return fixed(us / 1e3, 2) + " ms" }
        return fixed(us, 1) + " µs"
    }

    static func bytes(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n)
        var unit = 0
        while abs(value) >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(n) B" : fixed(value, 1) + " " + units[unit]
    }
}

import Foundation

/// What `streamtop bench opencl` prints: the rows of `bench engine`'s shape (`benchmarks`), the
/// device they ran on, and notices (a skipped side and why, correctness checks, how time was taken).
///
/// JSON (`--json`), keys sorted:
/// `{"benchmarks": [{name, params, value, unit, peer, peer_value, ratio}], "device": {...}, "notices": [...]}`;
/// `device` is absent when no OpenCL device could be opened.
struct OpenCLBenchReport: Encodable {
    var benchmarks: [BenchResult] = []
    var device: OpenCLBenchDeviceInfo?
    var notices: [String] = []

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // A figure from a clock that read zero must not make the whole document fail to encode.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The device line, an aligned table (one row per benchmark) and the notices.
    func text() -> String {
        var lines: [String] = []
        if let d = device {
            lines.append("OpenCL device: \(d.name) (\(d.type), \(d.vendor)) — platform \(d.platform), driver \(d.driver), \(d.version)")
        } else {
            lines.append("OpenCL device: none")
        }
        if !benchmarks.isEmpty {
            lines.append("")
            var table = [["benchmark", "size", "ours", "unit", "peer", "peer value", "ratio", "best ours / peer", "samples"]]
            for r in benchmarks {
                let size = r.params["n"].map { "n=\($0)" } ?? r.params["elements"].map { "\($0) elements" } ?? r.params["shape"] ?? ""
                table.append([
                    r.name, size, Self.figure(r.value), r.unit, r.peer ?? "—", r.peer_value.map(Self.figure) ?? "—",
                    r.ratio.map { String(format: "%.3f", $0) } ?? "—", r.params["best"] ?? "", r.params["samples"] ?? "",
                ])
            }
            lines += Self.aligned(table, rightAligned: [2, 5, 6])
        }
        if !notices.isEmpty {
            lines.append("")
            lines += notices.map { "note: \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    static func figure(_ value: Double) -> String {
        value >= 100 ? String(format: "%.1f", value) : String(format: "%.3f", value)
    }

    /// Rows padded to each column's widest cell (counted in characters, so "×" and "—" align).
    static func aligned(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let padding = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}

/// A small table a workload shows (the seed's placement table, the sweep's sizes × devices):
/// data for JSON and the dashboard, rendered as aligned text for the terminal.
public struct WorkloadTable: Sendable, Codable, Equatable {
    public let title: String
    public let columns: [String]
    public var rows: [[String]]

    public init(title: String, columns: [String], rows: [[String]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// Title, header, rule and rows; the first column left-aligned, the rest right-aligned
    /// (numbers) unless `leftAligned`.
    public func render(leftAligned: Bool = false) -> [String] {
        var widths = columns.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[min(i, widths.count - 1)] - cell.count))
                return i == 0 || leftAligned ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return [title, format(columns), rule] + rows.map(format)
    }
}

import TerminalUI

/// The op table (op, device, count, total, mean, p50, p95, p99, % of time) with a braille graph
/// of the selected op's recent latencies beside it (below it when the panel is narrow).
public struct OpsPanel: Widget {
    /// Rows already sorted (see `OpSort.sorted`).
    public var rows: [OpRow]
    public var sort: OpSort
    /// Index of the selected row in `rows`.
    public var selected: Int?
    public var palette: DashboardPalette

    public init(rows: [OpRow], sort: OpSort, selected: Int?, palette: DashboardPalette) {
        self.rows = rows
        self.sort = sort
        self.selected = selected
        self.palette = palette
    }

    static let columns = [
        TableColumn("op", width: .min(8)), TableColumn("dev", width: .fixed(4)),
        TableColumn("count", width: .fixed(6), alignment: .right),
        TableColumn("total", width: .fixed(8), alignment: .right),
        TableColumn("mean", width: .fixed(8), alignment: .right),
        TableColumn("p50", width: .fixed(8), alignment: .right),
        TableColumn("p95", width: .fixed(8), alignment: .right),
        TableColumn("p99", width: .fixed(8), alignment: .right),
        TableColumn("%", width: .fixed(4), alignment: .right),
    ]

    /// The table text of each row, in column order.
    public static func cells(_ row: OpRow) -> [String] {
        [row.name, "\(row.device)", Format.count(Double(row.count)), Format.duration(row.total),
         Format.duration(row.mean), Format.duration(row.p50), Format.duration(row.p95), Format.duration(row.p99),
         Format.percent(row.share)]
    }

    /// Table area and graph area: side by side when wide, stacked when tall enough, else table only.
    public func split(_ area: Rect) -> (table: Rect, graph: Rect?) {
        if area.width >= 100, let parts = area.split(.horizontal, [.min(70), .fixed(min(40, area.width - 71))], spacing: 1) {
            return (parts[0], parts[1])
        }
        if area.height >= 10, let parts = area.split(.vertical, [.min(4), .fixed(4)]) {
            return (parts[0], parts[1])
        }
        return (area, nil)
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = palette.theme
        let (tableArea, graphArea) = split(area)
        let table = Table(columns: Self.columns, rows: rows.map(Self.cells), sortColumn: sort.column,
                          sortOrder: sort == .name ? .ascending : .descending,
                          headerStyle: theme.titleStyle, rowStyle: theme.baseStyle, selectedStyle: theme.selectedStyle)
        var state = TableState(selected: selected)
        canvas.render(table, in: tableArea, state: &state)
        if rows.isEmpty, tableArea.height > 2 {
            canvas.put("no ops yet", x: tableArea.x + 1, y: tableArea.y + 2, style: theme.inactiveStyle, clip: tableArea)
        }
        guard let graphArea, let selected, rows.indices.contains(selected) else { return }
        let row = rows[selected]
        let title = "\(row.name) on \(row.device): last \(row.recent.count) latencies"
        canvas.put(TextMeasure.truncate(title, to: graphArea.width), x: graphArea.x, y: graphArea.y,
                   style: theme.inactiveStyle, clip: graphArea)
        let graph = BrailleGraph(
            series: [GraphSeries(name: row.name, values: row.recent, style: theme.baseStyle,
                                 gradient: theme.latencyGradient)],
            axisStyle: Style(fg: theme.graphAxis, bg: theme.background), formatLabel: { Format.duration($0) })
        canvas.render(graph, in: graphArea.inset(top: 1))
    }

    /// The table row under screen row `y`, for clicks (the table scrolls the selection into view).
    public func row(atY y: Int, area: Rect) -> Int? {
        let tableArea = split(area).table
        let table = Table(columns: Self.columns, rows: rows.map(Self.cells))
        var state = TableState(selected: selected)
        state.scrollToSelection(visibleRows: tableArea.height - 1, rowCount: rows.count)
        return table.row(atY: y, area: tableArea, state: state)
    }
}

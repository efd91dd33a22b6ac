/// A column of a `Table`.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

public enum SortOrder: Hashable, Sendable {
    case ascending, descending

    /// ▲ for ascending, ▼ for descending (as htop and btop show them).
    public var indicator: String { self == .ascending ? "▲" : "▼" }
}

/// Selection and scroll position of a table or list; survives across frames.
public struct TableState: Hashable, Sendable {
    /// Index of the selected row, or nil.
    public var selected: Int?
    /// First visible row.
    public var offset: Int

    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Moves the selection by `delta`, clamped to `0..<rowCount` (selects row 0 if none).
    public mutating func move(by delta: Int, rowCount: Int) {
        guard rowCount > 0 else { selected = nil; return }
        // With nothing selected, any move selects the first row.
        selected = selected.map { min(max(0, $0 + delta), rowCount - 1) } ?? 0
    }

    /// Scrolls the minimum needed so the selection is within `visibleRows`, and so that no
    /// empty space is left below the last row.
    public mutating func scrollToSelection(visibleRows: Int, rowCount: Int) {
        guard visibleRows > 0 else { return }
        if let selected {
            if selected < offset { offset = selected }
            if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        }
        offset = min(offset, max(0, rowCount - visibleRows))
        offset = max(0, offset)
    }
}

/// Rows and columns with a header, a sort indicator, a highlighted selection and scrolling.
/// Cells too long for their column end in "…".
public struct Table: StatefulWidget {
    public var columns: [TableColumn]
    public var rows: [[String]]
    /// Column showing ▲/▼, if any.
    public var sortColumn: Int?
    public var sortOrder: SortOrder
    public var headerStyle: Style
    public var rowStyle: Style
    public var selectedStyle: Style
    /// Blank columns between table columns.
    public var columnSpacing: Int

    public init(
        columns: [TableColumn], rows: [[String]], sortColumn: Int? = nil, sortOrder: SortOrder = .descending,
        headerStyle: Style = Style(attributes: .bold), rowStyle: Style = .plain,
        selectedStyle: Style = Style(attributes: .reverse), columnSpacing: Int = 1
    ) {
        self.columns = columns
        self.rows = rows
        self.sortColumn = sortColumn
        self.sortOrder = sortOrder
        self.headerStyle = headerStyle
        self.rowStyle = rowStyle
        self.selectedStyle = selectedStyle
        self.columnSpacing = columnSpacing
    }

    /// Column rects' x and width for a row of `width` columns. When the columns do not fit,
    /// right-most columns are dropped (shown as width 0) rather than squeezing all of them.
    public func columnSpans(width: Int) -> [(x: Int, width: Int)] {
        var count = columns.count
        while count > 0 {
            let constraints = columns.prefix(count).map(\.width)
            if let sizes = try? Layout.sizes(for: Array(constraints), length: width, spacing: columnSpacing) {
                var x = 0
                var spans: [(x: Int, width: Int)] = []
                for size in sizes {
                    spans.append((x, size))
                    x += size + columnSpacing
                }
                return spans + Array(repeating: (x: width, width: 0), count: columns.count - count)
            }
            count -= 1
        }
        return Array(repeating: (x: 0, width: 0), count: columns.count)
    }

    public func render(into canvas: inout Canvas, area: Rect, state: inout TableState) {
        guard !area.isEmpty else { return }
        let spans = columnSpans(width: area.width)
        let header = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        canvas.fill(header, style: headerStyle)
        for (i, column) in columns.enumerated() where spans[i].width > 0 {
            var title = column.title
            if sortColumn == i {
                title = TextMeasure.truncate(title, to: spans[i].width - 2) + " " + sortOrder.indicator
            }
            drawCell(title, column: column, span: spans[i], y: area.y, style: headerStyle, area: area, into: &canvas)
        }
        let visibleRows = area.height - 1
        if let selected = state.selected, selected >= rows.count { state.selected = rows.isEmpty ? nil : rows.count - 1 }
        state.scrollToSelection(visibleRows: visibleRows, rowCount: rows.count)
        guard visibleRows > 0 else { return }
        for line in 0..<visibleRows {
            let index = state.offset + line
            let y = area.y + 1 + line
            let style = index == state.selected ? selectedStyle : rowStyle
            canvas.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            guard index < rows.count else { continue }
            for (i, column) in columns.enumerated() where spans[i].width > 0 && i < rows[index].count {
                drawCell(rows[index][i], column: column, span: spans[i], y: y, style: style, area: area, into: &canvas)
            }
        }
    }

    /// The row index under screen row `y` (for mouse clicks), using the offset from the
    /// last render; nil for the header, empty space and rows outside `area`.
    public func row(atY y: Int, area: Rect, state: TableState) -> Int? {
        let index = state.offset + (y - area.y - 1)
        guard y > area.y, y < area.maxY, index < rows.count else { return nil }
        return index
    }

    private func drawCell(
        _ text: String, column: TableColumn, span: (x: Int, width: Int), y: Int, style: Style, area: Rect,
        into canvas: inout Canvas
    ) {
        let clip = Rect(x: area.x + span.x, y: y, width: span.width, height: 1).intersection(area)
        canvas.put(TextMeasure.fit(text, width: span.width, alignment: column.alignment),
                   x: clip.x, y: y, style: style, clip: clip)
    }
}

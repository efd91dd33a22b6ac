/// Selection, scroll and filter state of a `ListView`.
///
/// `selected` indexes the *filtered* rows; `selectedItem(in:)` maps it back to the item.
public struct ListState: Hashable, Sendable {
    public var table: TableState
    public var filter: FilterState

    public init(selected: Int? = 0, filter: FilterState = FilterState()) {
        table = TableState(selected: selected)
        self.filter = filter
    }

    public var selected: Int? { table.selected }

    /// The index into `items` of the selected row after filtering.
    public func selectedItem(in items: [String]) -> Int? {
        let visible = filter.filteredIndices(items)
        guard let selected = table.selected, selected < visible.count else { return nil }
        return visible[selected]
    }

    /// Routes a key: first to the filter, then to navigation. Returns true when consumed.
    /// After the filter changes, the selection is reset to the first match.
    @discardableResult
    public mutating func handle(_ key: Key, items: [String], pageSize: Int = 10) -> Bool {
        let before = filter.query
        if filter.handle(key) {
            if filter.query != before { table = TableState(selected: 0) }
            clamp(items: items)
            return true
        }
        let count = filter.filteredIndices(items).count
        switch key {
        case .up, .char("k"): table.move(by: -1, rowCount: count)
        case .down, .char("j"): table.move(by: 1, rowCount: count)
        case .pageUp: table.move(by: -pageSize, rowCount: count)
        case .pageDown: table.move(by: pageSize, rowCount: count)
        case .home: table.selected = count > 0 ? 0 : nil
        case .end: table.selected = count > 0 ? count - 1 : nil
        default: return false
        }
        return true
    }

    mutating func clamp(items: [String]) {
        let count = filter.filteredIndices(items).count
        if count == 0 { table.selected = nil } else if let s = table.selected { table.selected = min(s, count - 1) }
        else { table.selected = 0 }
    }
}

/// A scrolling, filterable menu. While filtering, the bottom row shows "/query".
public struct ListView: StatefulWidget {
    public var items: [String]
    public var style: Style
    public var selectedStyle: Style
    public var filterStyle: Style
    /// Prefix for the selected row ("> "); other rows get the same width of spaces.
    public var marker: String

    public init(
        items: [String], style: Style = .plain, selectedStyle: Style = Style(attributes: .reverse),
        filterStyle: Style = Style(attributes: .bold), marker: String = "▶ "
    ) {
        self.items = items
        self.style = style
        self.selectedStyle = selectedStyle
        self.filterStyle = filterStyle
        self.marker = marker
    }

    public func render(into canvas: inout Canvas, area: Rect, state: inout ListState) {
        guard !area.isEmpty else { return }
        canvas.fill(area, style: style)
        let showFilter = state.filter.isEditing || state.filter.isActive
        var listArea = area
        if showFilter {
            listArea.height -= 1
            let row = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
            let cursor = state.filter.isEditing ? "▏" : ""
            canvas.put(TextMeasure.truncate("/" + state.filter.query + cursor, to: area.width),
                       x: row.x, y: row.y, style: filterStyle, clip: row)
        }
        let visible = state.filter.filteredIndices(items)
        state.clamp(items: items)
        state.table.scrollToSelection(visibleRows: listArea.height, rowCount: visible.count)
        let markerWidth = CharacterWidth.of(marker)
        for line in 0..<listArea.height {
            let index = state.table.offset + line
            guard index < visible.count else { break }
            let y = listArea.y + line
            let row = Rect(x: listArea.x, y: y, width: listArea.width, height: 1)
            let isSelected = index == state.table.selected
            let prefix = isSelected ? marker : String(repeating: " ", count: markerWidth)
            let text = prefix + TextMeasure.truncate(items[visible[index]], to: max(0, row.width - markerWidth))
            canvas.fill(row, style: isSelected ? selectedStyle : style)
            canvas.put(text, x: row.x, y: y, style: isSelected ? selectedStyle : style, clip: row)
        }
    }
}

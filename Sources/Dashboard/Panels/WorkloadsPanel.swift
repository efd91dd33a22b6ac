import TerminalUI

/// The workload catalog: a `/`-filterable list on the left, the selected workload's description
/// and parameters on the right, and what is running at the bottom.
public struct WorkloadsPanel: StatefulWidget {
    public var entries: [(name: String, summary: String, parameters: [String])]
    public var runner: String
    public var palette: DashboardPalette

    public init(entries: [(name: String, summary: String, parameters: [String])], runner: String,
                palette: DashboardPalette) {
        self.entries = entries
        self.runner = runner
        self.palette = palette
    }

    public func listArea(_ area: Rect) -> Rect {
        let listWidth = min(max(16, (entries.map(\.name.count).max() ?? 10) + 4), area.width)
        return Rect(x: area.x, y: area.y, width: listWidth, height: max(0, area.height - 1))
    }

    public func render(into canvas: inout Canvas, area: Rect, state: inout ListState) {
        guard !area.isEmpty else { return }
        let theme = palette.theme
        let list = listArea(area)
        let names = entries.map(\.name)
        canvas.render(ListView(items: names, style: theme.baseStyle, selectedStyle: theme.selectedStyle,
                               filterStyle: theme.hintKeyStyle), in: list, state: &state)
        let detail = Rect(x: list.maxX + 1, y: area.y, width: area.width - list.width - 1, height: list.height)
        if !detail.isEmpty, let index = state.selectedItem(in: names) {
            let entry = entries[index]
            let summary = Paragraph(entry.summary, style: theme.baseStyle)
            let summaryLines = min(summary.layoutLines(width: detail.width).count, max(1, detail.height - entry.parameters.count - 1))
            canvas.render(summary, in: Rect(x: detail.x, y: detail.y, width: detail.width, height: summaryLines))
            var y = detail.y + summaryLines
            for line in entry.parameters where y < detail.maxY - 1 {
                canvas.put(TextMeasure.truncate(line, to: detail.width), x: detail.x, y: y, style: theme.inactiveStyle,
                           clip: detail)
                y += 1
            }
            canvas.put(TextMeasure.truncate("Enter parameters · x stop · / filter", to: detail.width), x: detail.x,
                       y: detail.maxY - 1, style: theme.hintTextStyle, clip: detail)
        }
        let status = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
        canvas.put(TextMeasure.truncate(runner, to: area.width), x: status.x, y: status.y,
                   style: theme.hintTextStyle.adding(.bold), clip: status)
    }
}

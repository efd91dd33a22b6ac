import TerminalUI

/// Per stream: its name, an occupancy sparkline (newest right), % busy now and time spent
/// waiting on other streams.
public struct StreamsPanel: Widget {
    public var rows: [StreamRow]
    public var palette: DashboardPalette

    public init(rows: [StreamRow], palette: DashboardPalette) {
        self.rows = rows
        self.palette = palette
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = palette.theme
        guard !rows.isEmpty else {
            canvas.put("no streams yet", x: area.x, y: area.y, style: theme.inactiveStyle, clip: area)
            return
        }
        let ordered = rows.sorted { ($0.device, $0.name) < ($1.device, $1.name) }
        let nameWidth = min(ordered.map { laneName(device: $0.device, stream: $0.name).count }.max() ?? 0, max(6, area.width / 3))
        let tailWidth = 22
        for (i, row) in ordered.prefix(area.height).enumerated() {
            let y = area.y + i
            let line = Rect(x: area.x, y: y, width: area.width, height: 1)
            canvas.put(TextMeasure.fit(laneName(device: row.device, stream: row.name), width: nameWidth), x: area.x, y: y,
                       style: theme.inactiveStyle, clip: line)
            let graphWidth = area.width - nameWidth - 1 - tailWidth
            if graphWidth > 0 {
                let gradient = row.device.kind == .cpu ? theme.cpuGradient : theme.gpuGradient
                canvas.render(Sparkline(row.occupancy, maximum: 1, style: theme.baseStyle, gradient: gradient),
                              in: Rect(x: area.x + nameWidth + 1, y: y, width: graphWidth, height: 1))
            }
            let tail = TextMeasure.fit("\(Format.percent(row.busy)) busy wait \(Format.duration(row.waited))",
                                       width: tailWidth, alignment: .right)
            canvas.put(tail, x: area.maxX - min(tailWidth, area.width), y: y, style: theme.baseStyle, clip: line)
        }
    }
}

import TerminalUI

/// Per device: active and cached bytes over time (braille), and a line of figures: active,
/// cached, peak, limit, cache hit rate, allocations/s; transfers when there are any.
public struct MemoryPanel: Widget {
    public var rows: [MemoryRow]
    public var transfers: TransferSummary
    public var palette: DashboardPalette

    public init(rows: [MemoryRow], transfers: TransferSummary, palette: DashboardPalette) {
        self.rows = rows
        self.transfers = transfers
        self.palette = palette
    }

    /// The figures for one device: what is held now, then peak, limit, hit rate and rate.
    public static func figures(_ row: MemoryRow) -> (now: String, totals: String) {
        let limit = row.limit.map { Format.bytes(Double($0)) } ?? "none"
        let hit = row.hitRate.map(Format.percent) ?? "—"
        return ("\(row.device) active \(Format.bytes(row.active.last ?? 0)) cached \(Format.bytes(row.cached.last ?? 0))",
                "peak \(Format.bytes(Double(row.peak))) limit \(limit) hit \(hit) \(Format.count(row.allocationsPerSecond)) alloc/s")
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = palette.theme
        var body = area
        if transfers.count > 0 {
            let text = "transfers \(transfers.count) (\(Format.count(transfers.perSecond))/s) "
                + "\(Format.bytes(Double(transfers.bytes))) \(Format.bytes(transfers.bytesPerSecond))/s"
            canvas.put(TextMeasure.truncate(text, to: area.width), x: area.x, y: area.maxY - 1,
                       style: Style(fg: palette.transfer, bg: theme.background), clip: area)
            body = area.inset(bottom: 1)
        }
        guard !rows.isEmpty else {
            canvas.put("no allocations yet", x: area.x, y: area.y, style: theme.inactiveStyle, clip: area)
            return
        }
        let ordered = rows.sorted { $0.device < $1.device }
        let each = max(1, body.height / ordered.count)
        for (i, row) in ordered.enumerated() {
            let slot = Rect(x: body.x, y: body.y + i * each, width: body.width, height: i == ordered.count - 1 ? body.maxY - (body.y + i * each) : each)
            guard slot.height > 0 else { break }
            let (now, totals) = Self.figures(row)
            var graphTop = 1
            if CharacterWidth.of(now) + 1 + CharacterWidth.of(totals) <= slot.width {
                canvas.put(now + " " + totals, x: slot.x, y: slot.y, style: theme.baseStyle, clip: slot)
            } else {
                canvas.put(TextMeasure.truncate(now, to: slot.width), x: slot.x, y: slot.y, style: theme.baseStyle, clip: slot)
                if slot.height >= 2 {
                    canvas.put(TextMeasure.truncate(totals, to: slot.width), x: slot.x, y: slot.y + 1,
                               style: theme.inactiveStyle, clip: slot)
                    graphTop = 2
                }
            }
            guard slot.height > graphTop else { continue }
            let graph = BrailleGraph(
                series: [
                    GraphSeries(name: "cached", values: row.cached.indices.map { row.cached[$0] + (row.active.indices.contains($0) ? row.active[$0] : 0) },
                                style: Style(fg: palette.memoryCached, bg: theme.background)),
                    GraphSeries(name: "active", values: row.active, style: Style(fg: palette.memoryActive, bg: theme.background)),
                ],
                axisStyle: Style(fg: theme.graphAxis, bg: theme.background), formatLabel: { Format.bytes($0) })
            canvas.render(graph, in: slot.inset(top: graphTop))
        }
    }
}

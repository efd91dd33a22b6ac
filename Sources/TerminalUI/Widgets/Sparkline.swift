/// A one-row chart of eighth blocks, one sample per cell, newest at the right: the compact
/// form for per-stream occupancy where a braille graph would be too busy.
public struct Sparkline: Widget {
    /// ▁ (lowest, also used for zero so the baseline stays visible) to █ (the maximum).
    public static let levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let glyphs = levels.map { Glyph($0) }

    public var values: [Double]
    /// The value drawn as █; nil scales to the largest visible value.
    public var maximum: Double?
    public var style: Style
    /// Optional colour by level (0…100 percent of maximum), e.g. a theme gradient.
    public var gradient: Gradient?

    public init(_ values: [Double], maximum: Double? = nil, style: Style = .plain, gradient: Gradient? = nil) {
        self.values = values
        self.maximum = maximum
        self.style = style
        self.gradient = gradient
    }

    /// Index into `levels` for `value`: the smallest eighth not below value/maximum.
    public static func level(of value: Double, maximum: Double) -> Int {
        guard maximum > 0, value.isFinite else { return 0 }
        let ratio = min(max(value / maximum, 0), 1)
        return min(7, max(0, Int((ratio * 8).rounded(.up)) - 1))
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let visible = values.suffix(area.width)
        let top = maximum ?? (visible.max() ?? 0)
        let start = area.maxX - visible.count
        canvas.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: style)
        for (i, value) in visible.enumerated() {
            var cellStyle = style
            if let gradient, top > 0 { cellStyle.fg = gradient.color(at: value / top) }
            let glyph = Sparkline.glyphs[Sparkline.level(of: value, maximum: top)]
            canvas.set(x: start + i, y: area.y, cell: Cell(glyph: glyph, style: cellStyle), clip: area)
        }
    }
}

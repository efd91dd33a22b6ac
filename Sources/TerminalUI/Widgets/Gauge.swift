/// A horizontal bar with eighth-cell precision (▏▎▍▌▋▊▉█) and a label, for memory use and
/// occupancy where a whole-cell bar would jump visibly.
public struct Gauge: Widget {
    /// Partial glyphs for 1…7 eighths of a cell.
    public static let partials = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public enum LabelPlacement: Hashable, Sendable {
        /// Centred over the bar.
        case overlay
        /// After the bar, outside it ("████▌    42%").
        case right
        case none
    }

    /// Filled fraction, clamped to 0…1.
    public var ratio: Double
    /// Text for the label; nil shows the percentage ("42%").
    public var label: String?
    public var placement: LabelPlacement
    public var barStyle: Style
    /// Style of the unfilled part (its background is the track colour).
    public var trackStyle: Style
    public var labelStyle: Style

    public init(
        ratio: Double, label: String? = nil, placement: LabelPlacement = .right, barStyle: Style = .plain,
        trackStyle: Style = .plain, labelStyle: Style = .plain
    ) {
        self.ratio = ratio
        self.label = label
        self.placement = placement
        self.barStyle = barStyle
        self.trackStyle = trackStyle
        self.labelStyle = labelStyle
    }

    var clampedRatio: Double { ratio.isFinite ? min(max(ratio, 0), 1) : 0 }

    /// The label actually drawn.
    public var text: String { label ?? "\(Int((clampedRatio * 100).rounded()))%" }

    /// The bar glyphs for `width` cells: full blocks, one partial, then spaces.
    public static func bar(ratio: Double, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let ratio = ratio.isFinite ? min(max(ratio, 0), 1) : 0
        let eighths = Int((ratio * Double(width * 8)).rounded())
        var cells = Array(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { cells.append(partials[eighths % 8 - 1]) }
        return cells + Array(repeating: " ", count: width - cells.count)
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let y = area.y + (area.height - 1) / 2
        let labelWidth = placement == .right ? min(area.width, CharacterWidth.of(text) + 1) : 0
        let barWidth = area.width - labelWidth
        let glyphs = Gauge.bar(ratio: clampedRatio, width: barWidth)
        for (i, glyph) in glyphs.enumerated() {
            canvas.put(glyph, x: area.x + i, y: y, style: glyph == " " ? trackStyle : barStyle, clip: area)
        }
        switch placement {
        case .none:
            break
        case .right:
            let labelText = TextMeasure.truncate(text, to: labelWidth - 1)
            canvas.put(" " + TextMeasure.fit(labelText, width: labelWidth - 1, alignment: .right),
                       x: area.x + barWidth, y: y, style: labelStyle, clip: area)
        case .overlay:
            let labelText = TextMeasure.truncate(text, to: barWidth)
            let start = Alignment.center.offset(textWidth: CharacterWidth.of(labelText), in: barWidth)
            let filledCells = Int((clampedRatio * Double(barWidth)).rounded(.down))
            var x = area.x + start
            for character in labelText {
                // Over the filled part the label is drawn in the bar's colour as background.
                let onBar = x - area.x < filledCells
                let style = onBar ? Style(fg: barStyle.bg, bg: barStyle.fg, attributes: labelStyle.attributes)
                    : labelStyle.bg(trackStyle.bg)
                x += canvas.put(String(character), x: x, y: y, style: style, clip: area)
            }
        }
    }
}

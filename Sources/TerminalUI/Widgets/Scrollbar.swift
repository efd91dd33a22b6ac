/// A vertical scrollbar for a list or table: where the visible rows sit among all rows.
/// Draws nothing when everything fits, so panels can always place one.
public struct Scrollbar: Widget {
    public var total: Int
    public var visible: Int
    public var offset: Int
    public var trackStyle: Style
    public var thumbStyle: Style
    /// Dashed by default so a track next to a panel border does not read as a double line.
    public var trackGlyph: String = "╎"
    public var thumbGlyph: String = "┃"

    public init(total: Int, visible: Int, offset: Int, trackStyle: Style = .plain, thumbStyle: Style = .plain) {
        self.total = total
        self.visible = visible
        self.offset = offset
        self.trackStyle = trackStyle
        self.thumbStyle = thumbStyle
    }

    /// Thumb start and length within a track of `height` rows; nil when no scrolling is needed.
    public func thumb(height: Int) -> (start: Int, length: Int)? {
        guard height > 0, total > visible, visible > 0 else { return nil }
        let length = min(height, max(1, Int((Double(visible) * Double(height) / Double(total)).rounded())))
        let maxOffset = total - visible
        let clamped = min(max(0, offset), maxOffset)
        let start = Int((Double(clamped) * Double(height - length) / Double(maxOffset)).rounded())
        return (start, length)
    }

    /// Uses the right-most column of `area`.
    public func render(into canvas: inout Canvas, area: Rect) {
        guard let thumb = thumb(height: area.height) else { return }
        let x = area.maxX - 1
        for row in 0..<area.height {
            let onThumb = row >= thumb.start && row < thumb.start + thumb.length
            canvas.put(onThumb ? thumbGlyph : trackGlyph, x: x, y: area.y + row, style: onThumb ? thumbStyle : trackStyle, clip: area)
        }
    }
}

/// Multi-line text: word-wrapped or truncated with "…", aligned, width-aware.
public struct Paragraph: Widget {
    public enum Overflow: Hashable, Sendable {
        /// Word wrap; words longer than a line are hard-broken.
        case wrap
        /// One line per source line, cut with "…".
        case truncate
    }

    public var text: String
    public var style: Style
    public var alignment: Alignment
    public var overflow: Overflow
    /// Lines skipped at the top, for scrolling long text.
    public var scroll: Int

    public init(
        _ text: String, style: Style = .plain, alignment: Alignment = .left, overflow: Overflow = .wrap,
        scroll: Int = 0
    ) {
        self.text = text
        self.style = style
        self.alignment = alignment
        self.overflow = overflow
        self.scroll = scroll
    }

    /// The lines as they will be drawn into a width.
    public func layoutLines(width: Int) -> [String] {
        switch overflow {
        case .wrap:
            return TextMeasure.wrap(text, width: width)
        case .truncate:
            return text.split(separator: "\n", omittingEmptySubsequences: false).map {
                TextMeasure.truncate(String($0), to: width)
            }
        }
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let lines = layoutLines(width: area.width).dropFirst(max(0, scroll)).prefix(area.height)
        for (row, line) in lines.enumerated() {
            let x = area.x + alignment.offset(textWidth: CharacterWidth.of(line), in: area.width)
            canvas.put(line, x: x, y: area.y + row, style: style, clip: area)
        }
    }
}

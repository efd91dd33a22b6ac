/// Box-drawing character sets for `Block` borders.
public enum BorderType: Hashable, Sendable {
    case plain, rounded, thick, double

    /// Corners and edges: top-left, top-right, bottom-left, bottom-right, horizontal, vertical.
    public var glyphs: (tl: String, tr: String, bl: String, br: String, h: String, v: String) {
        switch self {
        case .plain: return ("┌", "┐", "└", "┘", "─", "│")
        case .rounded: return ("╭", "╮", "╰", "╯", "─", "│")
        case .thick: return ("┏", "┓", "┗", "┛", "━", "┃")
        case .double: return ("╔", "╗", "╚", "╝", "═", "║")
        }
    }
}

/// A bordered frame with an optional title; panels draw their content into `inner(_:)`.
public struct Block: Widget {
    public var title: String?
    public var titleAlignment: Alignment
    public var borderType: BorderType
    public var borderStyle: Style
    public var titleStyle: Style
    /// Style for the inside; nil leaves the inside untouched.
    public var fillStyle: Style?

    public init(
        title: String? = nil, titleAlignment: Alignment = .left, borderType: BorderType = .rounded,
        borderStyle: Style = .plain, titleStyle: Style = .plain, fillStyle: Style? = nil
    ) {
        self.title = title
        self.titleAlignment = titleAlignment
        self.borderType = borderType
        self.borderStyle = borderStyle
        self.titleStyle = titleStyle
        self.fillStyle = fillStyle
    }

    /// The area inside the border (empty when the block is too small to have one).
    public func inner(_ area: Rect) -> Rect {
        area.inset(by: 1)
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard area.width >= 2, area.height >= 2 else {
            canvas.fill(area, style: borderStyle)
            return
        }
        let g = borderType.glyphs
        if let fillStyle { canvas.fill(inner(area), style: fillStyle) }
        // Edges as fills: one glyph conversion per edge instead of one per cell.
        canvas.fill(Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), grapheme: g.h, style: borderStyle)
        canvas.fill(Rect(x: area.x + 1, y: area.maxY - 1, width: area.width - 2, height: 1), grapheme: g.h,
                    style: borderStyle)
        canvas.fill(Rect(x: area.x, y: area.y + 1, width: 1, height: area.height - 2), grapheme: g.v, style: borderStyle)
        canvas.fill(Rect(x: area.maxX - 1, y: area.y + 1, width: 1, height: area.height - 2), grapheme: g.v,
                    style: borderStyle)
        canvas.put(g.tl, x: area.x, y: area.y, style: borderStyle, clip: area)
        canvas.put(g.tr, x: area.maxX - 1, y: area.y, style: borderStyle, clip: area)
        canvas.put(g.bl, x: area.x, y: area.maxY - 1, style: borderStyle, clip: area)
        canvas.put(g.br, x: area.maxX - 1, y: area.maxY - 1, style: borderStyle, clip: area)
        drawTitle(into: &canvas, area: area)
    }

    /// The title sits on the top edge between one border cell and a space on each side:
    /// "╭ Title ──╮"; it is truncated with "…" rather than overwriting the corners.
    private func drawTitle(into canvas: inout Canvas, area: Rect) {
        guard let title, !title.isEmpty else { return }
        let room = area.width - 4
        guard room > 0 else { return }
        let text = TextMeasure.truncate(title, to: room)
        let textWidth = CharacterWidth.of(text)
        let x = area.x + 2 + titleAlignment.offset(textWidth: textWidth, in: room)
        let titleClip = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
        canvas.put(" ", x: x - 1, y: area.y, style: borderStyle, clip: titleClip)
        canvas.put(text, x: x, y: area.y, style: titleStyle, clip: titleClip)
        canvas.put(" ", x: x + textWidth, y: area.y, style: borderStyle, clip: titleClip)
    }
}

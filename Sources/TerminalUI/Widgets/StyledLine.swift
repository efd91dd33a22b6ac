/// A piece of text with its own style, part of a `StyledLine`.
public struct Segment: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One line made of differently styled segments ("gpu0 " dim, "matmul" in its span colour,
/// " 12.5 µs" bold). Too long a line is cut with "…", which takes the style of the segment
/// it replaces, so the cut is visible in context.
public struct StyledLine: Widget {
    public var segments: [Segment]
    public var alignment: Alignment

    public init(_ segments: [Segment], alignment: Alignment = .left) {
        self.segments = segments
        self.alignment = alignment
    }

    /// Total width in columns.
    public var width: Int { segments.reduce(0) { $0 + CharacterWidth.of($1.text) } }

    /// The segments cut to `limit` columns (the last one ending in "…" if anything was cut).
    public func fitted(to limit: Int) -> [Segment] {
        guard width > limit else { return segments }
        guard limit > 0 else { return [] }
        var result: [Segment] = []
        var used = 0
        for segment in segments {
            let w = CharacterWidth.of(segment.text)
            if used + w <= limit - 1 {
                result.append(segment)
                used += w
                continue
            }
            let head = TextMeasure.prefix(segment.text, width: limit - 1 - used)
            result.append(Segment(head + TextMeasure.ellipsis, style: segment.style))
            break
        }
        return result
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let visible = fitted(to: area.width)
        let total = visible.reduce(0) { $0 + CharacterWidth.of($1.text) }
        var x = area.x + alignment.offset(textWidth: total, in: area.width)
        for segment in visible {
            x += canvas.put(segment.text, x: x, y: area.y, style: segment.style, clip: area)
        }
    }
}

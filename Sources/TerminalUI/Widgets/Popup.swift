/// A modal box centred over whatever is beneath: it clears its rect first so underlying
/// panels cannot show through, then draws a bordered block and its content inside.
public struct Popup<Content: Widget>: Widget {
    public var title: String
    /// Desired outer size; shrunk to the area when the terminal is smaller.
    public var width: Int
    public var height: Int
    public var content: Content
    public var block: Block

    public init(title: String, width: Int, height: Int, content: Content, block: Block = Block(borderType: .double)) {
        self.title = title
        self.width = width
        self.height = height
        self.content = content
        self.block = block
    }

    /// Where the popup lands inside `area`.
    public func frame(in area: Rect) -> Rect {
        area.centered(width: width, height: height)
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        let rect = frame(in: area)
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: block.fillStyle ?? .plain)
        var frameBlock = block
        frameBlock.title = title
        frameBlock.render(into: &canvas, area: rect)
        content.render(into: &canvas, area: frameBlock.inner(rect))
    }
}

/// Help content: one key binding per row, keys right-aligned in a highlighted column.
public struct HelpContent: Widget {
    public var bindings: [KeyHint]
    public var keyStyle: Style
    public var textStyle: Style

    public init(bindings: [KeyHint], keyStyle: Style = Style(attributes: .bold), textStyle: Style = .plain) {
        self.bindings = bindings
        self.keyStyle = keyStyle
        self.textStyle = textStyle
    }

    /// Outer popup size that shows every binding (content plus border and padding).
    public var preferredSize: (width: Int, height: Int) {
        let keyWidth = bindings.map { CharacterWidth.of($0.key) }.max() ?? 0
        let textWidth = bindings.map { CharacterWidth.of($0.label) }.max() ?? 0
        return (keyWidth + textWidth + 2 + 4, bindings.count + 2)
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let inner = area.inset(left: 1, right: 1)
        let keyWidth = min(bindings.map { CharacterWidth.of($0.key) }.max() ?? 0, inner.width)
        for (row, binding) in bindings.prefix(inner.height).enumerated() {
            let y = inner.y + row
            canvas.put(TextMeasure.fit(binding.key, width: keyWidth, alignment: .right), x: inner.x, y: y,
                       style: keyStyle, clip: inner)
            canvas.put("  " + binding.label, x: inner.x + keyWidth, y: y, style: textStyle, clip: inner)
        }
    }
}

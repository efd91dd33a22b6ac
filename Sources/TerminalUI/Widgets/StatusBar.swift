/// One key binding shown in the status bar: `key` highlighted, then its description.
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String

    public init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }
}

/// A one-row bar of key hints ("q quit  ? help"), optionally with a right-aligned message.
/// Hints that do not fit are dropped whole rather than cut mid-word.
public struct StatusBar: Widget {
    public var hints: [KeyHint]
    public var message: String
    public var keyStyle: Style
    public var textStyle: Style
    /// Columns between hints.
    public var separator: Int

    public init(
        hints: [KeyHint], message: String = "", keyStyle: Style = Style(attributes: .bold),
        textStyle: Style = .plain, separator: Int = 2
    ) {
        self.hints = hints
        self.message = message
        self.keyStyle = keyStyle
        self.textStyle = textStyle
        self.separator = separator
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        canvas.fill(row, style: textStyle)
        let messageWidth = CharacterWidth.of(message)
        var x = area.x
        for (i, hint) in hints.enumerated() {
            let gap = i == 0 ? 0 : separator
            let hintWidth = CharacterWidth.of(hint.key) + 1 + CharacterWidth.of(hint.label)
            guard x + gap + hintWidth <= area.maxX else { break }
            x += gap
            x += canvas.put(hint.key, x: x, y: row.y, style: keyStyle, clip: row)
            x += canvas.put(" " + hint.label, x: x, y: row.y, style: textStyle, clip: row)
        }
        if messageWidth > 0, x + 1 + messageWidth <= area.maxX {
            canvas.put(message, x: area.maxX - messageWidth, y: row.y, style: textStyle, clip: row)
        }
    }
}

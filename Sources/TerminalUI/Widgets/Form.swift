/// Draws a `FormState`: per field a "label  text" row and a row for its error message.
/// The focused field's cursor is a reversed cell; long text scrolls to keep it visible.
public struct Form: StatefulWidget {
    public var labelStyle: Style
    public var fieldStyle: Style
    public var focusedStyle: Style
    public var errorStyle: Style

    public init(
        labelStyle: Style = .plain, fieldStyle: Style = Style(attributes: .underline),
        focusedStyle: Style = Style(attributes: [.underline, .bold]), errorStyle: Style = Style(fg: .ansi(1))
    ) {
        self.labelStyle = labelStyle
        self.fieldStyle = fieldStyle
        self.focusedStyle = focusedStyle
        self.errorStyle = errorStyle
    }

    public func render(into canvas: inout Canvas, area: Rect, state: inout FormState) {
        guard !area.isEmpty else { return }
        canvas.fill(area, style: labelStyle)
        let labelWidth = min((state.fields.map { CharacterWidth.of($0.label) }.max() ?? 0) + 1, area.width / 2)
        let box = Rect(x: area.x + labelWidth, y: 0, width: area.width - labelWidth, height: 1)
        for (i, field) in state.fields.enumerated() {
            let y = area.y + i * 2
            guard y < area.maxY else { break }
            canvas.put(TextMeasure.fit(field.label, width: labelWidth), x: area.x, y: y, style: labelStyle, clip: area)
            let focused = i == state.focus
            let row = Rect(x: box.x, y: y, width: box.width, height: 1)
            canvas.fill(row, style: focused ? focusedStyle : fieldStyle)
            drawText(field, focused: focused, row: row, into: &canvas)
            if y + 1 < area.maxY, let message = state.visibleError(i) {
                canvas.put(TextMeasure.truncate(message, to: row.width), x: row.x, y: y + 1, style: errorStyle,
                           clip: area)
            }
        }
    }

    private func drawText(_ field: FormField, focused: Bool, row: Rect, into canvas: inout Canvas) {
        guard row.width > 0 else { return }
        let characters = Array(field.text)
        let cursor = min(max(0, field.cursor), characters.count)
        // Scroll so that the cursor cell is inside the box.
        var start = 0
        while start < cursor && CharacterWidth.of(String(characters[start..<cursor])) >= row.width { start += 1 }
        var x = row.x
        let style = focused ? focusedStyle : fieldStyle
        for (offset, character) in characters[start...].enumerated() {
            let cellStyle = focused && start + offset == cursor ? style.adding(.reverse) : style
            let w = canvas.put(String(character), x: x, y: row.y, style: cellStyle, clip: row)
            if w == 0 { break }
            x += w
        }
        if focused && cursor == characters.count && x < row.maxX {
            canvas.put(" ", x: x, y: row.y, style: style.adding(.reverse), clip: row)
        }
    }
}

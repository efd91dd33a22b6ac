@testable import TerminalUI

/// Helpers shared by the widget tests.
enum TestSupport {
    /// A canvas of `width`×`height` filled with "." so untouched cells are visible in
    /// expected text (a widget that draws outside its area shows up as a missing dot).
    static func dotted(width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        canvas.fill(canvas.bounds, grapheme: ".", style: .plain)
        return canvas
    }

    /// Every cell outside `area` is still "." in the plain style.
    static func untouchedOutside(_ area: Rect, in canvas: Canvas) -> Bool {
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where !area.contains(x: x, y: y) {
                if canvas[x, y] != Cell(grapheme: ".", width: 1, style: .plain) { return false }
            }
        }
        return true
    }

    /// Checks the wide-character invariants of a canvas: each width-2 cell is followed by a
    /// trailing half, and each trailing half follows a width-2 cell.
    static func widePairsIntact(_ canvas: Canvas) -> Bool {
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                if cell.width == 2 && (x + 1 >= canvas.width || !canvas[x + 1, y].isTrailingHalf) { return false }
                if cell.width == 0 && (x == 0 || canvas[x - 1, y].width != 2) { return false }
            }
        }
        return true
    }

    static let red = Style(fg: .ansi(1))
    static let green = Style(fg: .ansi(2))
    static let blue = Style(fg: .ansi(4))
}

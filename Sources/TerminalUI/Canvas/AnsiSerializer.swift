/// Turns diff runs into the bytes a VT100/xterm-compatible terminal needs: a cursor move
/// only where the cursor is not already in place, and SGR only when the style changes.
/// Output size is therefore proportional to what changed, not to the screen size.
public struct AnsiSerializer: Sendable {
    public var depth: ColorDepth

    public init(depth: ColorDepth = .trueColor) {
        self.depth = depth
    }

    /// Escape sequences for `runs`, ending with an SGR reset so the terminal is left in its
    /// default style. Empty input gives empty output.
    public func serialize(_ runs: [CellRun]) -> [UInt8] {
        guard !runs.isEmpty else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(runs.reduce(0) { $0 + $1.cells.count * 2 + 8 })
        var cursor: (x: Int, y: Int)? = nil
        var current: Style? = nil
        for run in runs {
            if let cursor, cursor.y == run.y, run.x > cursor.x {
                appendCursorForward(run.x - cursor.x, to: &out)  // shorter than an absolute move
            } else if cursor == nil || cursor! != (run.x, run.y) {
                appendCursorMove(x: run.x, y: run.y, to: &out)
            }
            var x = run.x
            for cell in run.cells where !cell.isTrailingHalf {
                let style = Style(
                    fg: cell.style.fg.downgraded(to: depth), bg: cell.style.bg.downgraded(to: depth),
                    attributes: cell.style.attributes)
                if style != current {
                    appendSGR(style, to: &out)
                    current = style
                }
                cell.glyph.withUTF8 { out.append(contentsOf: $0) }
                x += Int(max(1, cell.width))
            }
            cursor = (x, run.y)
        }
        out.append(contentsOf: "\u{1B}[0m".utf8)
        return out
    }

    /// CSI row;col H with 1-based coordinates.
    func appendCursorMove(x: Int, y: Int, to out: inout [UInt8]) {
        out.append(contentsOf: "\u{1B}[".utf8)
        appendDecimal(y + 1, to: &out)
        out.append(UInt8(ascii: ";"))
        appendDecimal(x + 1, to: &out)
        out.append(UInt8(ascii: "H"))
    }

    /// CSI n C: moves right on the same row (CSI C alone moves one column).
    func appendCursorForward(_ columns: Int, to out: inout [UInt8]) {
        out.append(contentsOf: "\u{1B}[".utf8)
        if columns > 1 { appendDecimal(columns, to: &out) }
        out.append(UInt8(ascii: "C"))
    }

    /// A full SGR (reset first) so the result never depends on what was set before.
    func appendSGR(_ style: Style, to out: inout [UInt8]) {
        out.append(contentsOf: "\u{1B}[0".utf8)
        let codes: [(Attributes, UInt8)] = [(.bold, 1), (.dim, 2), (.italic, 3), (.underline, 4), (.reverse, 7)]
        for (attribute, code) in codes where style.attributes.contains(attribute) {
            out.append(UInt8(ascii: ";"))
            appendDecimal(Int(code), to: &out)
        }
        appendColor(style.fg, foreground: true, to: &out)
        appendColor(style.bg, foreground: false, to: &out)
        out.append(UInt8(ascii: "m"))
    }

    func appendColor(_ color: Color, foreground: Bool, to out: inout [UInt8]) {
        switch color {
        case .default:
            return
        case .ansi(let i) where i < 8:
            out.append(UInt8(ascii: ";"))
            appendDecimal((foreground ? 30 : 40) + Int(i), to: &out)
        case .ansi(let i) where i < 16:
            out.append(UInt8(ascii: ";"))
            appendDecimal((foreground ? 90 : 100) + Int(i) - 8, to: &out)
        case .ansi(let i):
            out.append(contentsOf: (foreground ? ";38;5;" : ";48;5;").utf8)
            appendDecimal(Int(i), to: &out)
        case .rgb(let r, let g, let b):
            out.append(contentsOf: (foreground ? ";38;2;" : ";48;2;").utf8)
            appendDecimal(Int(r), to: &out)
            out.append(UInt8(ascii: ";"))
            appendDecimal(Int(g), to: &out)
            out.append(UInt8(ascii: ";"))
            appendDecimal(Int(b), to: &out)
        }
    }

    /// Avoids `String(n)` allocations in the per-cell path.
    func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}

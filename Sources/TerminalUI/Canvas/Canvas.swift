/// An off-screen grid of cells that widgets draw into and backends flush by diffing.
///
/// Invariants (every mutating method keeps them): a wide grapheme's leading cell is always
/// followed by its trailing half on the same row, a trailing half always follows a leading
/// cell, and nothing is written outside the canvas or the caller's clip rect. The one
/// exception to the clip rule is repair: overwriting half of a wide character turns the
/// other half into a space even if it lies outside the clip, since a torn pair cannot be
/// drawn by any terminal.
public struct Canvas: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major, `width * height` cells.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole canvas as a rect.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); `Cell.blank` for coordinates outside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Resets every cell to a space in `style`.
    public mutating func clear(style: Style = .plain) {
        let cell = Cell(glyph: Glyph(ascii: 0x20), width: 1, style: style)
        cells.withUnsafeMutableBufferPointer { buffer in buffer.update(repeating: cell) }
    }

    /// Writes `text` from (x, y) rightwards, one cluster per 1 or 2 columns.
    ///
    /// Controls and zero-width clusters are dropped. A wide cluster cut by the clip or the
    /// canvas edge becomes a space. Returns the columns the cursor advanced: the text's
    /// width, cut at the right clip edge.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let region = effectiveClip(clip)
        let rowVisible = y >= region.y && y < region.maxY
        var column = x
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex, column < region.maxX {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            // Fast path: an ASCII byte not followed by a combining mark is a whole cluster.
            if byte < 0x80 && (next == utf8.endIndex || utf8[next] < 0x80) {
                if byte >= 0x20 && byte < 0x7F {
                    if rowVisible && column >= region.x {
                        write(Cell(glyph: Glyph(ascii: byte), width: 1, style: style), at: column, y)
                    }
                    column += 1
                }
                index = next
                continue
            }
            let end = text.index(after: index)
            let character = text[index]
            index = end
            let w = CharacterWidth.of(character)
            if w == 0 { continue }
            defer { column += w }
            guard rowVisible, column + w > region.x else { continue }
            if column < region.x || column + w > region.maxX {
                // A wide cluster straddling a clip edge: show the visible column as a space.
                write(Cell(glyph: Glyph(ascii: 0x20), width: 1, style: style), at: max(column, region.x), y)
                continue
            }
            write(Cell(glyph: Glyph(character), width: UInt8(w), style: style), at: column, y)
        }
        return min(column, max(region.maxX, x)) - x
    }

    /// Sets one cell. A wide cell needs both columns inside the clip, else a space is written.
    public mutating func set(x: Int, y: Int, cell: Cell, clip: Rect? = nil) {
        let region = effectiveClip(clip)
        guard region.contains(x: x, y: y), !cell.isTrailingHalf else { return }
        if cell.width == 2, !region.contains(x: x + 1, y: y) {
            write(Cell(grapheme: " ", width: 1, style: cell.style), at: x, y)
        } else {
            write(cell, at: x, y)
        }
    }

    /// Fills `rect` (clipped to the canvas) with a width-1 grapheme; a wide grapheme fills
    /// pairs of columns and pads an odd last column with a space.
    public mutating func fill(_ rect: Rect, grapheme: String = " ", style: Style) {
        let region = rect.intersection(bounds)
        guard !region.isEmpty else { return }
        let w = max(1, CharacterWidth.of(grapheme))
        let cell = Cell(grapheme: grapheme, width: UInt8(w), style: style)
        let space = Cell(grapheme: " ", width: 1, style: style)
        for row in region.y..<region.maxY {
            var column = region.x
            while column < region.maxX {
                if w == 2 && column + 1 >= region.maxX {
                    write(space, at: column, row)
                } else {
                    write(cell, at: column, row)
                }
                column += w
            }
        }
    }

    /// Applies `transform` to the style of every cell in `rect`, e.g. to highlight a row
    /// that widgets have already drawn.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let region = rect.intersection(bounds)
        guard !region.isEmpty else { return }
        for row in region.y..<region.maxY {
            for column in region.x..<region.maxX {
                cells[row * width + column].style = transform(cells[row * width + column].style)
            }
        }
    }

    /// Text of each row, trailing halves skipped; for tests and debugging.
    public func lines() -> [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width where !cells[row * width + column].isTrailingHalf {
                line += cells[row * width + column].grapheme
            }
            return line
        }
    }

    // MARK: - Internals

    private func effectiveClip(_ clip: Rect?) -> Rect {
        clip.map { $0.intersection(bounds) } ?? bounds
    }

    /// Stores a width-1 or leading width-2 cell (caller guarantees it fits), repairing any
    /// wide character it partially overwrites.
    private mutating func write(_ cell: Cell, at x: Int, _ y: Int) {
        let base = y * width
        breakWidePair(at: x, base: base)
        if cell.width == 2 {
            breakWidePair(at: x + 1, base: base)
            cells[base + x] = cell
            cells[base + x + 1] = Cell(glyph: Glyph(), width: 0, style: cell.style)
        } else {
            cells[base + x] = cell
        }
    }

    /// If column x holds half of a wide pair, turns the other half into a space.
    private mutating func breakWidePair(at x: Int, base: Int) {
        let existing = cells[base + x]
        if existing.width == 2, x + 1 < width {
            cells[base + x + 1] = Cell(glyph: Glyph(ascii: 0x20), width: 1, style: existing.style)
        } else if existing.width == 0, x > 0 {
            let leading = cells[base + x - 1]
            cells[base + x - 1] = Cell(glyph: Glyph(ascii: 0x20), width: 1, style: leading.style)
        }
    }
}

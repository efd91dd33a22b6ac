/// Turns successive canvases into the minimum curses writes: only cells that changed since
/// the last presented canvas, everything after a resize or an invalidation, one flush per
/// frame. Colour pairs are cached by (fg, bg), styles by value.
struct FramePresenter {
    private(set) var depth: ColorDepth
    private(set) var pairs: ColorPairCache
    private var previous: Canvas?
    private var needsFullRepaint = true
    private var needsPhysicalRepaint = false
    private var resolved: [Style: (attributes: Attributes, pair: Int32)] = [:]

    init(depth: ColorDepth, colorPairs: Int) {
        self.depth = depth
        pairs = ColorPairCache(capacity: depth == .monochrome ? 0 : colorPairs)
    }

    /// The next frame rewrites every cell; `physical` also makes curses redraw the terminal
    /// from scratch (its idea of the screen may be wrong: after a resize, or on Ctrl-L).
    mutating func invalidate(physical: Bool) {
        needsFullRepaint = true
        needsPhysicalRepaint = needsPhysicalRepaint || physical
    }

    mutating func present(_ canvas: Canvas, screen: TerminalSize, to out: some CursesOutput) -> FrameStats {
        var stats = FrameStats()
        let full = needsFullRepaint || previous?.width != canvas.width || previous?.height != canvas.height
        if full {
            out.eraseAll()
            if needsPhysicalRepaint { out.invalidatePhysicalScreen() }
        }
        let missesBefore = pairs.misses
        let runs = canvas.diff(from: full ? nil : previous)
        stats.runs = runs.count
        stats.fullRepaint = full
        var lastStyle: Style?
        for run in runs where run.y < screen.height {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                // Trailing halves are drawn by their leading cell; blanks are already there
                // after an erase.
                guard !cell.isTrailingHalf, x < screen.width, !(full && cell == .blank) else { continue }
                // A wide character in the last column would wrap; curses rejects it anyway.
                let grapheme = cell.width == 2 && x + 1 >= screen.width ? " " : cell.grapheme
                let style = resolve(cell.style, out: out)
                if cell.style != lastStyle {
                    stats.styleChanges += 1
                    lastStyle = cell.style
                }
                out.put(grapheme, x: x, y: run.y, attributes: style.attributes, pair: style.pair)
                stats.cellsWritten += 1
                stats.bytesWritten += grapheme.utf8.count
            }
        }
        out.flush()
        previous = canvas
        needsFullRepaint = false
        needsPhysicalRepaint = false
        if pairs.misses > missesBefore {
            // Pairs ran out: start over so the next frame allocates only what it shows.
            pairs.reset()
            resolved.removeAll(keepingCapacity: true)
            needsFullRepaint = true
        }
        return stats
    }

    private mutating func resolve(_ style: Style, out: some CursesOutput) -> (attributes: Attributes, pair: Int32) {
        if let hit = resolved[style] { return hit }
        let pair: Int32
        if depth == .monochrome {
            pair = 0
        } else {
            let fg = ColorSupport.cursesNumber(style.fg, depth: depth)
            let bg = ColorSupport.cursesNumber(style.bg, depth: depth)
            pair = pairs.pair(foreground: fg, background: bg) { out.definePair($0, foreground: $1, background: $2) }
        }
        let result = (attributes: style.attributes, pair: pair)
        // A pair-less result after exhaustion is not cached, so it is retried after the reset.
        if pair != 0 || depth == .monochrome || (style.fg == .default && style.bg == .default) {
            resolved[style] = result
        }
        return result
    }
}

/// Draws `TimelineArrow`s with box-drawing characters.
///
/// Downwards, with the target at least two columns right of the source:
///
///     ───┐        row of the source lane: "─" from the source column, "┐" at column c
///        │        spacing rows and lanes in between: "│" in column c
///        └──▶     row of the target lane: "└" at c, "─", "▶" just left of the target
///
/// c is the first visible column from the source where neither the vertical run nor its
/// corners cover a span label; failing that, where the run alone covers none; failing that,
/// the source column. Upwards it is "┘ │ ┌".
/// When the target is less than two columns right, a plain vertical run in the target
/// column ends in "▼" (or "▲") on the row just before the target lane.
struct ArrowRouter {
    let geometry: TimelineLanes.Geometry
    let avoid: Set<Point>

    init(geometry: TimelineLanes.Geometry, avoid: Set<Point>) {
        self.geometry = geometry
        self.avoid = avoid
    }

    func draw(_ arrow: TimelineArrow, into canvas: inout Canvas) {
        guard arrow.fromLane != arrow.toLane, let rowA = geometry.row(of: arrow.fromLane),
              let rowB = geometry.row(of: arrow.toLane) else { return }
        let clip = geometry.plot
        let xa = geometry.x(of: arrow.fromTime)
        let xb = geometry.x(of: arrow.toTime)
        let down = rowB > rowA
        let step = down ? 1 : -1
        let style = arrow.style

        guard xb - xa >= 2 else {
            // Vertical only: needs at least one row between the lanes.
            guard abs(rowB - rowA) >= 2 else { return }
            for y in stride(from: rowA + step, to: rowB - step, by: step)
            where !avoid.contains(Point(x: xb, y: y)) {
                canvas.put("│", x: xb, y: y, style: style, clip: clip)
            }
            canvas.put(down ? "▼" : "▲", x: xb, y: rowB - step, style: style, clip: clip)
            return
        }
        let crossed = Array(stride(from: rowA + step, to: rowB, by: step))
        let candidates = max(xa, clip.x)...max(xa, clip.x, xb - 2)
        func free(_ x: Int, rows: [Int]) -> Bool { !rows.contains { avoid.contains(Point(x: x, y: $0)) } }
        // Best: the vertical run and both corners miss every label; else at least the run does.
        let column = candidates.first { free($0, rows: crossed + [rowA, rowB]) }
            ?? candidates.first { free($0, rows: crossed) } ?? xa
        // Straight segments pass behind labels (a gap reads as a line, a lost label does not);
        // corners and the head are always drawn so the route stays recognisable.
        func segment(_ glyph: String, _ x: Int, _ y: Int) {
            guard !avoid.contains(Point(x: x, y: y)) else { return }
            canvas.put(glyph, x: x, y: y, style: style, clip: clip)
        }
        for x in xa..<column { segment("─", x, rowA) }
        canvas.put(down ? "┐" : "┘", x: column, y: rowA, style: style, clip: clip)
        for y in crossed { segment("│", column, y) }
        canvas.put(down ? "└" : "┌", x: column, y: rowB, style: style, clip: clip)
        for x in (column + 1)..<(xb - 1) { segment("─", x, rowB) }
        canvas.put("▶", x: xb - 1, y: rowB, style: style, clip: clip)
    }
}

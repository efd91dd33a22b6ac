/// Draws `TimelineArrow`s with box-drawing characters.
///
/// With spacing rows between lanes (the default) arrows travel in those rows, where no span
/// label lives. Downwards from lane A to lane B:
///
///     A  ████matmul                   the run leaves the source column in the gap row
///              └──┐                   below A, turning at column c only if the source
///                 │                   column is covered by a label on a lane in between,
///     ·  ██████████│███               then runs along the gap row above B and ends in
///                 └────▼              "▼" over the target column
///     B                ███softmax
///
/// Between adjacent lanes this collapses to one gap row: "└────▼". Upwards the glyphs are
/// mirrored ("┌", "┘", "▲"). Without spacing rows (`laneSpacing == 0`) the run uses the lane
/// rows themselves: "─┐" on A, "│", "└─▶" on B, choosing c to miss labels where it can.
/// Straight segments never overwrite a span label (they pass behind it); corners and
/// heads are always drawn.
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
        let xa = geometry.x(of: arrow.fromTime)
        let xb = geometry.x(of: arrow.toTime)
        // The canvas is moved into the pen and back (swap), never copied.
        var pen = Pen(canvas: Canvas(width: 0, height: 0), clip: geometry.plot, style: arrow.style, avoid: avoid)
        swap(&pen.canvas, &canvas)
        if geometry.laneStride > 1 {
            drawThroughGaps(xa: xa, rowA: rowA, xb: xb, rowB: rowB, pen: &pen)
        } else {
            drawThroughLanes(xa: xa, rowA: rowA, xb: xb, rowB: rowB, pen: &pen)
        }
        swap(&pen.canvas, &canvas)
    }

    private func drawThroughGaps(xa: Int, rowA: Int, xb: Int, rowB: Int, pen: inout Pen) {
        let down = rowB > rowA
        let v = down ? 1 : -1
        let h = xb >= xa ? 1 : -1
        let firstGap = rowA + v
        let lastGap = rowB - v
        let head = down ? "▼" : "▲"
        // Corner joining the vertical (towards the source side) with a run heading h-wards.
        let leave = down ? (h > 0 ? "└" : "┘") : (h > 0 ? "┌" : "┐")
        // Corner joining a run coming from the source side with the vertical going onwards.
        let turn = down ? (h > 0 ? "┐" : "┌") : (h > 0 ? "┘" : "└")

        if firstGap == lastGap {
            if xa == xb { pen.corner(head, xa, firstGap); return }
            pen.corner(leave, xa, firstGap)
            for x in stride(from: xa + h, to: xb, by: h) { pen.segment("─", x, firstGap) }
            pen.corner(head, xb, firstGap)
            return
        }
        let crossed = Array(stride(from: firstGap + v, to: lastGap, by: v))
        let column = stride(from: xa, through: xb, by: h).first { pen.free($0, rows: crossed) } ?? xa
        if column == xa {
            pen.segment("│", xa, firstGap)
        } else {
            pen.corner(leave, xa, firstGap)
            for x in stride(from: xa + h, to: column, by: h) { pen.segment("─", x, firstGap) }
            pen.corner(turn, column, firstGap)
        }
        for y in crossed { pen.segment("│", column, y) }
        if column != xb {
            pen.corner(leave, column, lastGap)
            for x in stride(from: column + h, to: xb, by: h) { pen.segment("─", x, lastGap) }
        }
        pen.corner(head, xb, lastGap)
    }

    private func drawThroughLanes(xa: Int, rowA: Int, xb: Int, rowB: Int, pen: inout Pen) {
        let down = rowB > rowA
        let step = down ? 1 : -1
        guard xb - xa >= 2 else {
            // Vertical only: needs at least one row between the lanes.
            guard abs(rowB - rowA) >= 2 else { return }
            for y in stride(from: rowA + step, to: rowB - step, by: step) { pen.segment("│", xb, y) }
            pen.corner(down ? "▼" : "▲", xb, rowB - step)
            return
        }
        let crossed = Array(stride(from: rowA + step, to: rowB, by: step))
        let candidates = max(xa, geometry.plot.x)...max(xa, geometry.plot.x, xb - 2)
        // Best: the vertical run and both corners miss every label; else at least the run does.
        let column = candidates.first { pen.free($0, rows: crossed + [rowA, rowB]) }
            ?? candidates.first { pen.free($0, rows: crossed) } ?? xa
        for x in xa..<column { pen.segment("─", x, rowA) }
        pen.corner(down ? "┐" : "┘", column, rowA)
        for y in crossed { pen.segment("│", column, y) }
        pen.corner(down ? "└" : "┌", column, rowB)
        for x in (column + 1)..<(xb - 1) { pen.segment("─", x, rowB) }
        pen.corner("▶", xb - 1, rowB)
    }
}

/// Drawing helper for one arrow: clips to the plot and keeps segments off label cells.
private struct Pen {
    var canvas: Canvas
    let clip: Rect
    let style: Style
    let avoid: Set<Point>

    func free(_ x: Int, rows: [Int]) -> Bool {
        !rows.contains { avoid.contains(Point(x: x, y: $0)) }
    }

    /// A straight piece: skipped where it would hide a span label.
    mutating func segment(_ glyph: String, _ x: Int, _ y: Int) {
        guard !avoid.contains(Point(x: x, y: y)) else { return }
        canvas.put(glyph, x: x, y: y, style: style, clip: clip)
    }

    /// A corner or head: always drawn, or the route could not be followed.
    mutating func corner(_ glyph: String, _ x: Int, _ y: Int) {
        canvas.put(glyph, x: x, y: y, style: style, clip: clip)
    }
}

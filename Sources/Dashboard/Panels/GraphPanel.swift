import TerminalUI

/// The last evaluated graph laid out in one column per stream: nodes as coloured boxes with op
/// name and shape, edges drawn between layers, cross-stream edges in the arrow colour, runs of
/// one op collapsed. Each layer takes two rows: the boxes, then a row where edges turn.
///
///      cpu Stream 0             cpu Stream 1
///     ▐ matmul 4096×4 ▌
///     ╰───────────────────────────▼
///                              ▐ exp ×500 512×4 ▌
public struct GraphPanel: Widget {
    public var model: GraphModel
    /// Layers hidden below the view: 0 shows the newest (bottom) layers, as the timeline
    /// follows the newest events; ↑ raises it to look at earlier ones.
    public var scroll: Int
    public var colorByDevice: Bool
    public var palette: DashboardPalette

    public init(model: GraphModel, scroll: Int = 0, colorByDevice: Bool = false, palette: DashboardPalette) {
        self.model = model
        self.scroll = scroll
        self.colorByDevice = colorByDevice
        self.palette = palette
    }

    /// Geometry of one column: its x range and where a box's centre is.
    struct ColumnGeometry {
        var x: Int
        var width: Int
        var boxX: Int { x + 1 }
        var boxWidth: Int { max(1, width - 2) }
        var centre: Int { x + width / 2 }
    }

    func columns(in area: Rect) -> [ColumnGeometry] {
        let count = max(1, model.columns.count)
        let sizes = (try? Layout.sizes(for: Array(repeating: .fill(1), count: count), length: area.width)) ?? []
        var x = area.x
        return sizes.map { size in
            defer { x += size }
            return ColumnGeometry(x: x, width: size)
        }
    }

    /// How many layers fit: a box row each, with a gap row between two.
    static func visibleLayers(height: Int) -> Int { max(0, height - 1 + 1) / 2 }

    /// The first layer shown for `layers` layers in `area`; when they do not all fit, the
    /// bottom row is kept for the "↑ earlier / ↓ later" notes.
    func firstLayer(layers: Int, area: Rect) -> Int {
        max(0, layers - shownLayers(layers: layers, area: area) - max(0, scroll))
    }

    func shownLayers(layers: Int, area: Rect) -> Int {
        let all = Self.visibleLayers(height: area.height)
        return layers <= all ? all : Self.visibleLayers(height: area.height - 1)
    }

    /// Row of layer `layer`'s boxes, or nil when scrolled away.
    func row(ofLayer layer: Int, first: Int, area: Rect) -> Int? {
        let y = area.y + 1 + (layer - first) * 2
        return layer >= first && y < area.maxY ? y : nil
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let theme = palette.theme
        guard !model.nodes.isEmpty else {
            canvas.put("no graph evaluated yet", x: area.x, y: area.y, style: theme.inactiveStyle, clip: area)
            return
        }
        let layout = GraphLayout(model)
        let first = firstLayer(layers: layout.layers, area: area)
        let geometry = columns(in: area)
        for (i, column) in model.columns.enumerated() where i < geometry.count {
            let g = geometry[i]
            let title = TextMeasure.fit(laneName(device: column.device, stream: column.stream), width: g.width, alignment: .center)
            canvas.put(title, x: g.x, y: area.y, style: theme.titleStyle.adding(.underline),
                       clip: Rect(x: g.x, y: area.y, width: g.width, height: 1))
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        var boxCells = Set<[Int]>()
        for box in layout.boxes where geometry.indices.contains(box.column) {
            guard let y = row(ofLayer: box.layer, first: first, area: area) else { continue }
            let g = geometry[box.column]
            for x in g.boxX..<(g.boxX + g.boxWidth) { boxCells.insert([x, y]) }
        }
        for edge in layout.edges {
            drawEdge(edge, layout: layout, first: first, geometry: geometry, area: area, body: body, avoid: boxCells,
                     into: &canvas)
        }
        for box in layout.boxes where geometry.indices.contains(box.column) {
            guard let y = row(ofLayer: box.layer, first: first, area: area) else { continue }
            let g = geometry[box.column]
            let device = model.columns[box.column].device.kind
            let style = palette.spanStyle(device: device, name: box.name, byDevice: colorByDevice)
            let rect = Rect(x: g.boxX, y: y, width: g.boxWidth, height: 1)
            canvas.fill(rect, style: style)
            canvas.put(TextMeasure.fit(box.label, width: g.boxWidth, alignment: .center), x: rect.x, y: y,
                       style: style.adding(.bold), clip: rect.intersection(body))
        }
        let below = max(0, layout.layers - first - shownLayers(layers: layout.layers, area: area))
        if first > 0 || below > 0 {
            let notes = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
            canvas.fill(notes, style: theme.baseStyle)
            canvas.put("↑ \(first) earlier layers", x: notes.x, y: notes.y, style: theme.inactiveStyle, clip: notes)
            let later = "↓ \(below) later"
            canvas.put(later, x: notes.maxX - later.count, y: notes.y, style: theme.inactiveStyle, clip: notes)
        }
    }

    /// Down from the source box: straight ("│" then "▼") within a column; across columns the
    /// line leaves below the source, runs along the row above the target and ends in "▼".
    private func drawEdge(_ edge: GraphLayout.Edge, layout: GraphLayout, first: Int, geometry: [ColumnGeometry], area: Rect,
                          body: Rect, avoid: Set<[Int]>, into canvas: inout Canvas) {
        let a = layout.boxes[edge.from]
        let b = layout.boxes[edge.to]
        guard geometry.indices.contains(a.column), geometry.indices.contains(b.column), b.layer > a.layer else { return }
        let style = edge.crossStream ? palette.arrowStyle : palette.theme.inactiveStyle
        let ga = geometry[a.column]
        let gb = geometry[b.column]
        let xb = gb.centre
        let xa = edge.crossStream ? (b.column > a.column ? ga.x + ga.width - 3 : ga.x + 2) : ga.centre
        let topA = area.y + 1 + (a.layer - first) * 2 + 1  // the gap row below the source
        let turnRow = area.y + 1 + (b.layer - first) * 2 - 1  // the gap row above the target
        func put(_ glyph: String, _ x: Int, _ y: Int, always: Bool = false) {
            guard always || !avoid.contains([x, y]) else { return }
            canvas.put(glyph, x: x, y: y, style: style, clip: body)
        }
        for y in topA..<turnRow { put(edge.crossStream ? "┊" : "│", xa, y) }
        if xa == xb {
            put("▼", xb, turnRow, always: true)
            return
        }
        let right = xb > xa
        put(topA == turnRow ? (right ? "╰" : "╯") : (right ? "╰" : "╯"), xa, turnRow, always: true)
        for x in stride(from: xa + (right ? 1 : -1), to: xb, by: right ? 1 : -1) { put("─", x, turnRow) }
        put("▼", xb, turnRow, always: true)
    }
}

/// One line of a `BrailleGraph`.
public struct GraphSeries: Sendable {
    public var name: String
    /// Samples, oldest first; one per dot column (two per cell).
    public var values: [Double]
    public var style: Style
    /// Colours the series by height instead of `style.fg`, as btop does: the top row takes
    /// the gradient's 100 % end, the bottom row its 0 % end.
    public var gradient: Gradient?

    public init(name: String = "", values: [Double], style: Style = .plain, gradient: Gradient? = nil) {
        self.name = name
        self.values = values
        self.style = style
        self.gradient = gradient
    }
}

/// How the vertical axis is scaled.
public enum GraphScale: Hashable, Sendable {
    /// 0 (or the data minimum if negative) to the visible maximum.
    case auto
    case fixed(min: Double, max: Double)
}

/// A line graph in braille, 2×4 dots per cell, several series with their own colours.
///
/// The newest samples are at the right edge; each series shows its last `2 × plotWidth`
/// values. Consecutive samples are connected: the column of a sample is filled from just
/// past the previous sample's level to its own, so steep changes read as lines, not dots.
/// Where series share a cell their dots combine and the last series drawn sets the colour.
public struct BrailleGraph: Widget {
    public var series: [GraphSeries]
    public var scale: GraphScale
    /// Draw max/min labels in a column on the left.
    public var showYAxis: Bool
    /// Labels under the plot (left, right), e.g. "-10s" and "now"; nil for no axis row.
    public var xLabels: (left: String, right: String)?
    public var axisStyle: Style
    public var formatLabel: @Sendable (Double) -> String

    public init(
        series: [GraphSeries], scale: GraphScale = .auto, showYAxis: Bool = true,
        xLabels: (left: String, right: String)? = nil, axisStyle: Style = .plain,
        formatLabel: @escaping @Sendable (Double) -> String = BrailleGraph.defaultLabel
    ) {
        self.series = series
        self.scale = scale
        self.showYAxis = showYAxis
        self.xLabels = xLabels
        self.axisStyle = axisStyle
        self.formatLabel = formatLabel
    }

    /// Integers as integers, otherwise one decimal: axis labels must stay narrow.
    @Sendable public static func defaultLabel(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return value.isFinite ? String(value) : "?" }
        if value.rounded() == value { return String(Int(value)) }
        return String(Double(Int((value * 10).rounded())) / 10)
    }

    /// The (min, max) the plot maps to its bottom and top dot rows.
    public func range(visibleSamples: Int) -> (lo: Double, hi: Double) {
        switch scale {
        case .fixed(let lo, let hi) where lo.isFinite && hi.isFinite:
            return (lo, hi > lo ? hi : lo + 1)
        case .fixed, .auto:  // a non-finite fixed range falls back to autoscaling
            let visible = series.flatMap { $0.values.suffix(visibleSamples) }.filter(\.isFinite)
            let lo = min(0, visible.min() ?? 0)
            let hi = visible.max() ?? 1
            return (lo, hi > lo ? hi : lo + 1)
        }
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        var plot = area
        if xLabels != nil && plot.height >= 2 { plot.height -= 1 }
        let probeRange = range(visibleSamples: max(0, plot.width * 2))
        if showYAxis {
            let labelWidth = max(CharacterWidth.of(formatLabel(probeRange.hi)),
                                 CharacterWidth.of(formatLabel(probeRange.lo)))
            if labelWidth + 2 <= plot.width {
                drawYAxis(into: &canvas, plot: plot, labelWidth: labelWidth, range: probeRange)
                plot = plot.inset(left: labelWidth + 1)
            }
        }
        let (lo, hi) = range(visibleSamples: plot.width * 2)
        canvas.fill(plot, style: axisStyle)
        var dots = BrailleDots(columns: plot.width, rows: plot.height)
        for (index, line) in series.enumerated() {
            plotSeries(line, owner: index, lo: lo, hi: hi, into: &dots)
        }
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                guard let glyph = dots.glyph(column: column, row: row) else { continue }
                let owner = series[dots.owners[row * plot.width + column]]
                var style = owner.style
                if let gradient = owner.gradient {
                    style.fg = gradient.color(at: plot.height == 1 ? 1 : Double(plot.height - 1 - row) / Double(plot.height - 1))
                }
                canvas.set(x: plot.x + column, y: plot.y + row, cell: Cell(glyph: glyph, style: style), clip: plot)
            }
        }
        if let xLabels, area.height >= 2 {
            let y = area.maxY - 1
            let axis = Rect(x: plot.x, y: y, width: plot.width, height: 1)
            canvas.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: axisStyle)
            canvas.put(TextMeasure.truncate(xLabels.left, to: plot.width), x: axis.x, y: y, style: axisStyle, clip: axis)
            let right = TextMeasure.truncate(xLabels.right, to: plot.width)
            let rightWidth = CharacterWidth.of(right)
            if CharacterWidth.of(xLabels.left) + 1 + rightWidth <= plot.width {
                canvas.put(right, x: axis.maxX - rightWidth, y: y, style: axisStyle, clip: axis)
            }
        }
    }

    /// Dot row (0 = top) for a value.
    static func dotRow(_ value: Double, lo: Double, hi: Double, dotHeight: Int) -> Int {
        var ratio = (value - lo) / (hi - lo)
        if !ratio.isFinite { ratio = value == .infinity ? 1 : 0 }  // NaN, ±inf, or an infinite range
        let level = Int((min(max(ratio, 0), 1) * Double(dotHeight - 1)).rounded())
        return dotHeight - 1 - level
    }

    private func plotSeries(_ line: GraphSeries, owner: Int, lo: Double, hi: Double, into dots: inout BrailleDots) {
        let samples = Array(line.values.suffix(dots.dotWidth))
        let start = dots.dotWidth - samples.count
        var previous: Int? = nil
        for (i, value) in samples.enumerated() {
            let y = BrailleGraph.dotRow(value, lo: lo, hi: hi, dotHeight: dots.dotHeight)
            if let previous, previous != y {
                dots.setVertical(x: start + i, from: previous + (y > previous ? 1 : -1), to: y, owner: owner)
            } else {
                dots.set(x: start + i, y: y, owner: owner)
            }
            previous = y
        }
    }

    private func drawYAxis(into canvas: inout Canvas, plot: Rect, labelWidth: Int, range: (lo: Double, hi: Double)) {
        let column = Rect(x: plot.x, y: plot.y, width: labelWidth + 1, height: plot.height)
        canvas.fill(column, style: axisStyle)
        let top = TextMeasure.fit(formatLabel(range.hi), width: labelWidth, alignment: .right)
        canvas.put(top, x: plot.x, y: plot.y, style: axisStyle, clip: column)
        if plot.height >= 2 {
            let bottom = TextMeasure.fit(formatLabel(range.lo), width: labelWidth, alignment: .right)
            canvas.put(bottom, x: plot.x, y: plot.maxY - 1, style: axisStyle, clip: column)
        }
    }
}

import Foundation

/// A one-row time axis: labels at "nice" times (1, 2 or 5 × 10ⁿ apart) so the timeline can
/// be read while zooming. Labels never overlap and never run past the right edge.
public struct TimeRuler: Widget {
    public var t0: Double
    public var t1: Double
    public var style: Style
    /// Turns a time into a label ("250", "1.5ms"); the caller knows the unit.
    public var format: @Sendable (Double) -> String
    /// Columns reserved per label, which sets the tick density.
    public var minimumSpacing: Int

    public init(
        t0: Double, t1: Double, style: Style = .plain, minimumSpacing: Int = 8,
        format: @escaping @Sendable (Double) -> String = BrailleGraph.defaultLabel
    ) {
        self.t0 = t0
        self.t1 = t1
        self.style = style
        self.minimumSpacing = minimumSpacing
        self.format = format
    }

    /// The tick interval for `columns` columns: the smallest 1/2/5 × 10ⁿ that leaves at least
    /// `minimumSpacing` columns between ticks.
    public func step(columns: Int) -> Double? {
        let span = t1 - t0
        guard columns > 0, span > 0, span.isFinite else { return nil }
        let raw = span * Double(max(1, minimumSpacing)) / Double(columns)
        let base = pow(10, (log10(raw)).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * base }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * base
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty, let step = step(columns: area.width) else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        canvas.fill(row, style: style)
        let scale = TimeScale(t0: t0, t1: t1, columns: area.width)
        let first = (t0 / step).rounded(.up)
        var nextFree = 0
        // Times as first + k × step, not a running sum, so labels do not drift (0.30000000004).
        for k in 0... {
            let t = (first + Double(k)) * step
            guard t < t1 else { break }
            let column = scale.column(t)
            let label = format(abs(t) < step * 1e-9 ? 0 : t)  // no "-0" from rounding
            let width = CharacterWidth.of(label)
            if column >= nextFree && column + width <= area.width {
                canvas.put(label, x: area.x + column, y: area.y, style: style, clip: row)
                nextFree = column + width + 1
            }
        }
    }
}

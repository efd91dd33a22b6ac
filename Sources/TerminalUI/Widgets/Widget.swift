/// Something that draws itself into a rect of a canvas.
///
/// Widgets are immutable values built per frame (like ratatui's): they are cheap, `Sendable`,
/// and the canvas clip guarantees they cannot draw outside `area`.
public protocol Widget: Sendable {
    func render(into canvas: inout Canvas, area: Rect)
}

/// A widget whose view state (selection, scroll offset) outlives a frame; rendering may
/// adjust the state, e.g. to scroll the selection into view.
public protocol StatefulWidget: Sendable {
    associatedtype State
    func render(into canvas: inout Canvas, area: Rect, state: inout State)
}

extension Canvas {
    /// Renders `widget` clipped to `area ∩ bounds`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(into: &self, area: area.intersection(bounds))
    }

    public mutating func render<W: StatefulWidget>(_ widget: W, in area: Rect, state: inout W.State) {
        widget.render(into: &self, area: area.intersection(bounds), state: &state)
    }
}

/// Horizontal placement of text within a width.
public enum Alignment: Hashable, Sendable {
    case left, center, right

    /// Column offset for text of `textWidth` inside `width` (never negative).
    public func offset(textWidth: Int, in width: Int) -> Int {
        let spare = max(0, width - textWidth)
        switch self {
        case .left: return 0
        case .center: return spare / 2
        case .right: return spare
        }
    }
}

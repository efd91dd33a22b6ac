import TerminalUI

/// Where each visible panel goes for a terminal size: all six at 120×40 (anything at least
/// 100×32), timeline, op table and workloads at 80×24, and a "too small" notice below that.
/// Digits toggle panels: a panel switched on that the small layout leaves out joins its
/// bottom row.
public struct DashboardLayout: Hashable, Sendable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public enum SizeClass: Hashable, Sendable { case tooSmall, compact, full }

    public static func sizeClass(width: Int, height: Int) -> SizeClass {
        if width < minimumWidth || height < minimumHeight { return .tooSmall }
        return width >= 100 && height >= 32 ? .full : .compact
    }

    /// Panels shown by default in a size class.
    public static func defaults(_ sizeClass: SizeClass) -> Set<PanelID> {
        switch sizeClass {
        case .tooSmall: []
        case .compact: [.timeline, .ops, .workloads]
        case .full: Set(PanelID.allCases)
        }
    }

    /// The text shown instead of panels when the terminal is too small.
    public static func tooSmallMessage(width: Int, height: Int) -> String {
        "terminal too small: need \(minimumWidth)×\(minimumHeight), have \(width)×\(height)"
    }

    public var panels: [(id: PanelID, area: Rect)]
    public var status: Rect

    public static func == (a: DashboardLayout, b: DashboardLayout) -> Bool {
        a.status == b.status && a.panels.map(\.id) == b.panels.map(\.id) && a.panels.map(\.area) == b.panels.map(\.area)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(status)
        for p in panels {
            hasher.combine(p.id)
            hasher.combine(p.area)
        }
    }

    /// Nil when the terminal is too small. `lanes` sizes the timeline: two rows a lane (one for
    /// arrows) plus border, ruler and info rows, between a floor and 45% of the screen, so a
    /// single stream does not leave the top half empty.
    public init?(width: Int, height: Int, visible: Set<PanelID>, lanes: Int? = nil) {
        let sizeClass = Self.sizeClass(width: width, height: height)
        guard sizeClass != .tooSmall else { return nil }
        let bounds = Rect(x: 0, y: 0, width: width, height: height)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let body = Rect(x: 0, y: 0, width: width, height: height - 1)
        // Rows of cells; a cell is a vertical stack of panels. Hidden panels drop out, then
        // empty cells and rows.
        let template: [(weight: Int, cells: [[PanelID]])]
        switch sizeClass {
        case .full:
            template = [(4, [[.timeline]]), (3, [[.ops], [.streams, .memory]]), (3, [[.graph], [.workloads]])]
        default:
            template = [(5, [[.timeline], [.graph]]), (4, [[.ops], [.streams], [.memory], [.workloads]])]
        }
        let rows = template.map { row in
            (row.weight, row.cells.map { $0.filter(visible.contains) }.filter { !$0.isEmpty })
        }.filter { !$0.1.isEmpty }
        var placed: [(id: PanelID, area: Rect)] = []
        let timelineRows = lanes.map { min(max(8, $0 * 2 + 4), body.height * 45 / 100) }
        let constraints: [Constraint] = rows.map { row in
            if let timelineRows, rows.count > 1, row.1.count == 1, row.1[0] == [.timeline] { return .fixed(timelineRows) }
            return .fill(row.0)
        }
        let rowRects = body.split(.vertical, constraints) ?? []
        for (row, rect) in zip(rows, rowRects) {
            // The op table and timeline get more width than their neighbours.
            let weights = row.1.map { cell in cell.contains(.ops) || cell.contains(.timeline) || cell.contains(.graph) ? 3 : 2 }
            let cellRects = rect.split(.horizontal, weights.map { .fill($0) }) ?? []
            for (cell, cellRect) in zip(row.1, cellRects) {
                let stack = cellRect.split(.vertical, cell.map { _ in .fill(1) }) ?? []
                for (id, area) in zip(cell, stack) { placed.append((id, area)) }
            }
        }
        _ = bounds
        panels = placed
    }

    public func area(of id: PanelID) -> Rect? { panels.first { $0.id == id }?.area }

    public func panel(atX x: Int, y: Int) -> PanelID? { panels.first { $0.area.contains(x: x, y: y) }?.id }
}

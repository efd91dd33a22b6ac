import TerminalUI

/// The dashboard's panels; the raw value is the digit that toggles one.
public enum PanelID: Int, CaseIterable, Hashable, Sendable {
    case timeline = 1, ops, streams, memory, graph, workloads

    public var title: String {
        switch self {
        case .timeline: "Timeline"
        case .ops: "Op timings"
        case .streams: "Streams"
        case .memory: "Memory"
        case .graph: "Graph"
        case .workloads: "Workloads"
        }
    }

    /// The bordered frame every panel sits in: "╭ 1 Timeline ─╮", highlighted when focused.
    func block(theme: Theme, focused: Bool, detail: String = "") -> Block {
        let suffix = detail.isEmpty ? "" : " · " + detail
        return Block(title: "\(rawValue) \(title)\(suffix)", borderType: .rounded,
                     borderStyle: theme.borderStyle(focused: focused),
                     titleStyle: focused ? theme.titleStyle.fg(theme.borderFocused) : theme.titleStyle,
                     fillStyle: theme.baseStyle)
    }
}

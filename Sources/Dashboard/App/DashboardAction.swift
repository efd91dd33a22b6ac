import TerminalUI

/// What a key means to the dashboard, before any panel state is consulted. Kept apart from
/// the widgets so bindings are listed in one place (and shown by the help overlay).
public enum DashboardAction: Hashable, Sendable {
    case quit, help, focusNext, focusPrevious, togglePanel(PanelID), freeze, export, cycleTheme, colorMode
    case zoomIn, zoomOut, left, right, up, down, pageUp, pageDown, cycleSort, stop, activate, escape

    /// The global key map; nil for keys only a focused list or form uses.
    public static func forKey(_ key: Key) -> DashboardAction? {
        switch key {
        case .char("q"), .function(10), .ctrl("c"): .quit
        case .char("?"), .function(1): .help
        case .tab: .focusNext
        case .backTab: .focusPrevious
        case .char(let c) where c.isASCII && c.isNumber: PanelID(rawValue: Int(String(c)) ?? 0).map { .togglePanel($0) }
        case .char(" "): .freeze
        case .char("e"): .export
        case .char("t"): .cycleTheme
        case .char("c"): .colorMode
        case .char("+"), .char("="): .zoomIn
        case .char("-"), .char("_"): .zoomOut
        case .left, .char("h"): .left
        case .right, .char("l"): .right
        case .up, .char("k"): .up
        case .down, .char("j"): .down
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .char("s"): .cycleSort
        case .char("x"): .stop
        case .enter: .activate
        case .escape: .escape
        default: nil
        }
    }

    /// The help overlay's rows.
    public static let bindings: [KeyHint] = [
        KeyHint("Tab / click", "move focus between panels"),
        KeyHint("1…6", "show or hide a panel"),
        KeyHint("Space", "freeze the view (engine keeps running); cursor on the timeline"),
        KeyHint("← → / wheel", "scroll the timeline (frozen: move the cursor)"),
        KeyHint("+ -", "zoom the timeline"),
        KeyHint("c", "colour spans by op or by device"),
        KeyHint("↑ ↓", "select a row, scroll the graph, move the cursor's lane"),
        KeyHint("s", "cycle the op table's sort"),
        KeyHint("Enter", "workload parameters; Enter again starts it looping"),
        KeyHint("/", "filter the workloads"),
        KeyHint("x", "stop the running workload"),
        KeyHint("e", "write the current window as a Perfetto trace"),
        KeyHint("t", "next theme"),
        KeyHint("? F1", "this help"),
        KeyHint("q F10 ^C", "quit"),
    ]
}

/// What the model asks the app to do: things with side effects outside the view state.
public enum DashboardEffect: Hashable, Sendable {
    case quit
    case start(workload: String, values: [String: String])
    case stop
    case export
    case cycleTheme
}

import Foundation
import TerminalUI

/// The dashboard's view state — focus, zoom, freeze, selections, the open form or popup — and
/// how input changes it. Pure: side effects come back as `DashboardEffect`s for the app.
public struct DashboardModel: Sendable {
    /// A workload as the menu needs it (no engine types).
    public struct MenuEntry: Sendable {
        public var name: String
        public var summary: String
        public var parameters: [WorkloadEntry.Parameter]

        public init(name: String, summary: String, parameters: [WorkloadEntry.Parameter]) {
            self.name = name
            self.summary = summary
            self.parameters = parameters
        }
    }

    /// The parameter form of one workload.
    public struct OpenForm: Sendable {
        public var workload: String
        public var state: FormState
        public var names: [String]
    }

    public var menu: [MenuEntry]
    public var focus: PanelID = .workloads
    /// Panels switched away from their size class's default by digit keys.
    public var toggled: Set<PanelID> = []
    public var viewport = TimelineViewport()
    public var colorByDevice = false
    /// The view shown while frozen (the engine and profiler go on meanwhile).
    public var frozen: DashboardView?
    public var cursor: TimelineCursor?
    public var opSort: OpSort = .total
    /// The selected op, by identity, so it stays selected as rows reorder.
    public var selectedOp: (name: String, device: DeviceLabel)?
    public var graphScroll = 0
    public var workloadList = ListState()
    public var form: OpenForm?
    public var showHelp = false
    /// A modal error (workload failure, export failure); any key closes it.
    public var errorPopup: String?
    /// A transient line for the status bar ("trace written to …").
    public var message: String?

    public init(menu: [MenuEntry]) {
        self.menu = menu
    }

    public var isFrozen: Bool { frozen != nil }

    public func visible(_ sizeClass: DashboardLayout.SizeClass) -> Set<PanelID> {
        DashboardLayout.defaults(sizeClass).symmetricDifference(toggled)
    }

    /// The op rows as shown: sorted, with the selection's index.
    public func opRows(_ view: DashboardView) -> (rows: [OpRow], selected: Int?) {
        let rows = opSort.sorted(view.ops)
        let index = selectedOp.flatMap { s in rows.firstIndex { $0.name == s.name && $0.device == s.device } }
        return (rows, index ?? (rows.isEmpty ? nil : 0))
    }

    // MARK: - Input

    /// Applies one input event. `view` is what is on screen (for selections and the cursor),
    /// `layout` where panels are (for the mouse); nil when the terminal is too small.
    public mutating func handle(_ event: InputEvent, view: DashboardView, layout: DashboardLayout?) -> [DashboardEffect] {
        switch event {
        case .resize:
            return []
        case .mouse(let mouse):
            return handleMouse(mouse, view: view, layout: layout)
        case .key(let key):
            return handleKey(key, view: view, layout: layout)
        }
    }

    mutating func handleKey(_ key: Key, view: DashboardView, layout: DashboardLayout?) -> [DashboardEffect] {
        if key == .ctrl("c") { return [.quit] }
        if errorPopup != nil {
            if [.enter, .escape, .char(" "), .char("q")].contains(key) { errorPopup = nil }
            return []
        }
        if showHelp {
            if key == .char("q") || key == .function(10) { return [.quit] }
            showHelp = false
            return []
        }
        if var open = form {
            switch open.state.handle(key) {
            case .submitted(let texts):
                form = nil
                var values: [String: String] = [:]
                for (name, text) in zip(open.names, texts) { values[name] = text.trimmingCharacters(in: .whitespaces) }
                message = nil
                return [.start(workload: open.workload, values: values)]
            case .cancelled:
                form = nil
            default:
                form = open
                _ = open
            }
            open = form ?? open
            return []
        }
        // A focused, filtering workload list takes every key first ("q" types, not quits).
        if focus == .workloads, workloadList.filter.isEditing || key == .char("/") {
            workloadList.handle(key, items: menu.map(\.name))
            return []
        }
        guard let action = DashboardAction.forKey(key) else { return [] }
        return perform(action, view: view, layout: layout)
    }

    mutating func perform(_ action: DashboardAction, view: DashboardView, layout: DashboardLayout?) -> [DashboardEffect] {
        let shown = layout?.panels.map(\.id) ?? []
        switch action {
        case .quit: return [.quit]
        case .help: showHelp = true
        case .focusNext, .focusPrevious:
            guard !shown.isEmpty else { break }
            let index = shown.firstIndex(of: focus) ?? -1
            let step = action == .focusNext ? 1 : shown.count - 1
            focus = shown[(index + step + shown.count) % shown.count]
        case .togglePanel(let id):
            toggled.formSymmetricDifference([id])
        case .freeze:
            if frozen == nil {
                frozen = view
                // On the newest visible op, so the frozen view starts by describing something.
                let (t0, t1) = viewport.range(now: view.timeline.now)
                let newest = view.timeline.spans.filter { $0.start < t1 && $0.end > t0 }.max { $0.end < $1.end }
                if let newest {
                    cursor = TimelineCursor(lane: newest.lane, time: (max(newest.start, t0) + min(newest.end, t1)) / 2)
                } else {
                    cursor = view.timeline.lanes.isEmpty ? nil : TimelineCursor(lane: 0, time: (t0 + t1) / 2)
                }
            } else {
                frozen = nil
                cursor = nil
            }
        case .export: return [.export]
        case .cycleTheme: return [.cycleTheme]
        case .colorMode: colorByDevice.toggle()
        case .zoomIn: viewport.zoom(in: true)
        case .zoomOut: viewport.zoom(in: false)
        case .left, .right:
            let step = action == .left ? -1 : 1
            if var c = cursor, focus == .timeline || focus != .ops {
                c.time += Double(step) * viewport.window / 40
                let (t0, t1) = viewport.range(now: view.timeline.now)
                if c.time < t0 || c.time >= t1 { viewport.scroll(steps: step) }
                cursor = c
            } else {
                viewport.scroll(steps: step)
            }
        case .up, .down, .pageUp, .pageDown:
            let delta = action == .up ? -1 : action == .down ? 1 : action == .pageUp ? -10 : 10
            moveSelection(delta, view: view)
        case .cycleSort: opSort = opSort.next
        case .stop: return [.stop]
        case .activate:
            if focus == .workloads { openForm() }
        case .escape:
            if frozen != nil {
                frozen = nil
                cursor = nil
            }
            message = nil
        }
        return []
    }

    mutating func moveSelection(_ delta: Int, view: DashboardView) {
        switch focus {
        case .ops:
            let (rows, selected) = opRows(view)
            guard !rows.isEmpty else { return }
            let next = min(max(0, (selected ?? 0) + delta), rows.count - 1)
            selectedOp = (rows[next].name, rows[next].device)
        case .graph:
            graphScroll = max(0, graphScroll - delta)  // ↑ looks at earlier layers
        case .workloads:
            workloadList.table.move(by: delta, rowCount: workloadList.filter.filteredIndices(menu.map(\.name)).count)
        case .timeline:
            guard var c = cursor else { return }
            let order = TimelinePanel(model: view.timeline, viewport: viewport,
                                      palette: DashboardPalette.builtin()).laneOrder
            guard let position = order.firstIndex(of: c.lane) else { return }
            c.lane = order[min(max(0, position + delta.signum()), order.count - 1)]
            cursor = c
        default:
            break
        }
    }

    /// Opens the selected workload's parameter form, prefilled with defaults.
    public mutating func openForm() {
        guard let index = workloadList.selectedItem(in: menu.map(\.name)) else { return }
        let entry = menu[index]
        let fields = entry.parameters.map { p in FormField(label: p.name, text: p.defaultValue, validate: p.validate) }
        form = OpenForm(workload: entry.name, state: FormState(fields: fields), names: entry.parameters.map(\.name))
    }

    mutating func handleMouse(_ mouse: MouseEvent, view: DashboardView, layout: DashboardLayout?) -> [DashboardEffect] {
        guard let layout, form == nil, errorPopup == nil else { return [] }
        if showHelp { showHelp = false; return [] }
        guard let id = layout.panel(atX: mouse.x, y: mouse.y), let area = layout.area(of: id) else { return [] }
        switch mouse.kind {
        case .press(.left):
            focus = id
            let inner = area.inset(by: 1)
            switch id {
            case .ops:
                let (rows, selected) = opRows(view)
                let panel = OpsPanel(rows: rows, sort: opSort, selected: selected, palette: DashboardPalette.builtin())
                if let row = panel.row(atY: mouse.y, area: inner) { selectedOp = (rows[row].name, rows[row].device) }
            case .workloads:
                let names = menu.map(\.name)
                let list = WorkloadsPanel(entries: [], runner: "", palette: DashboardPalette.builtin())
                    .listArea(inner)
                let filtered = workloadList.filter.filteredIndices(names)
                let index = workloadList.table.offset + (mouse.y - list.y)
                if list.contains(x: mouse.x, y: mouse.y), filtered.indices.contains(index) {
                    workloadList.table.selected = index
                }
            case .timeline:
                let shown = frozen ?? view
                let panel = TimelinePanel(model: shown.timeline, viewport: viewport, cursor: cursor,
                                          palette: DashboardPalette.builtin())
                if let hit = panel.hit(x: mouse.x, y: mouse.y, area: inner) {
                    if frozen == nil { frozen = view }
                    cursor = hit
                }
            default:
                break
            }
        case .wheelUp, .wheelDown:
            let up = mouse.kind == .wheelUp
            focus = id
            if id == .timeline { viewport.scroll(steps: up ? -1 : 1) } else { moveSelection(up ? -1 : 1, view: view) }
        default:
            break
        }
        return []
    }
}

import Foundation
import TerminalUI

/// Draws one frame: every visible panel from the view and the model, the status bar, and any
/// overlay (help, parameter form, error popup). Pure, so tests render hand-built views.
public struct DashboardScreen {
    public var model: DashboardModel
    public var view: DashboardView
    public var status: StatusInfo
    public var palette: DashboardPalette

    public init(model: DashboardModel, view: DashboardView, status: StatusInfo, palette: DashboardPalette) {
        self.model = model
        self.view = view
        self.status = status
        self.palette = palette
    }

    /// The layout for a canvas of this size (nil: too small).
    public func layout(width: Int, height: Int) -> DashboardLayout? {
        DashboardLayout(width: width, height: height,
                        visible: model.visible(DashboardLayout.sizeClass(width: width, height: height)),
                        lanes: (model.frozen ?? view).timeline.lanes.count)
    }

    @discardableResult
    public func render(into canvas: inout Canvas) -> DashboardLayout? {
        let theme = palette.theme
        canvas.clear(style: theme.baseStyle)
        guard let layout = layout(width: canvas.width, height: canvas.height) else {
            let text = DashboardLayout.tooSmallMessage(width: canvas.width, height: canvas.height)
            canvas.render(Paragraph(text, style: theme.baseStyle.fg(theme.warning).adding(.bold), alignment: .center),
                          in: Rect(x: 0, y: canvas.height / 2, width: canvas.width, height: max(1, canvas.height - canvas.height / 2)))
            return nil
        }
        let shown = model.frozen ?? view
        for (id, area) in layout.panels {
            drawPanel(id, area: area, view: shown, into: &canvas)
        }
        drawStatus(layout.status, into: &canvas)
        drawOverlays(into: &canvas)
        return layout
    }

    func drawPanel(_ id: PanelID, area: Rect, view: DashboardView, into canvas: inout Canvas) {
        let theme = palette.theme
        let focused = model.focus == id
        var detail = ""
        switch id {
        case .timeline:
            detail = "window \(Format.duration(model.viewport.window))"
                + (model.isFrozen ? " · FROZEN" : model.viewport.isFollowing ? " · live" : " · −\(Format.duration(model.viewport.lag))")
                + (model.colorByDevice ? " · by device" : " · by op")
        case .ops: detail = "sort \(model.opSort)"
        case .graph: detail = view.graph.nodes.isEmpty ? "" : "\(view.graph.caption), \(view.graph.nodes.count) nodes"
        default: break
        }
        let block = id.block(theme: theme, focused: focused, detail: detail)
        canvas.render(block, in: area)
        let inner = block.inner(area)
        switch id {
        case .timeline:
            canvas.render(TimelinePanel(model: view.timeline, viewport: model.viewport, colorByDevice: model.colorByDevice,
                                        cursor: model.cursor, palette: palette), in: inner)
        case .ops:
            let (rows, selected) = model.opRows(view)
            canvas.render(OpsPanel(rows: rows, sort: model.opSort, selected: selected, palette: palette), in: inner)
        case .streams:
            canvas.render(StreamsPanel(rows: view.streams, palette: palette), in: inner)
        case .memory:
            canvas.render(MemoryPanel(rows: view.memory, transfers: view.transfers, palette: palette), in: inner)
        case .graph:
            canvas.render(GraphPanel(model: view.graph, scroll: model.graphScroll, colorByDevice: model.colorByDevice,
                                     palette: palette), in: inner)
        case .workloads:
            let entries = model.menu.map { entry in
                (name: entry.name, summary: entry.summary,
                 parameters: entry.parameters.map { "\($0.name) = \($0.defaultValue) · \($0.summary)" })
            }
            var list = model.workloadList
            canvas.render(WorkloadsPanel(entries: entries, runner: status.workloadText, palette: palette), in: inner,
                          state: &list)
        }
    }

    func drawStatus(_ area: Rect, into canvas: inout Canvas) {
        let theme = palette.theme
        canvas.fill(area, style: theme.selectedStyle.bg(theme.popupBackground))
        let stateStyle: Style
        switch status.workload {
        case .running: stateStyle = Style(fg: theme.ok, bg: theme.popupBackground, attributes: .bold)
        case .failed: stateStyle = Style(fg: theme.error, bg: theme.popupBackground, attributes: .bold)
        default: stateStyle = Style(fg: theme.warning, bg: theme.popupBackground, attributes: .bold)
        }
        var right = "\(status.devices.joined(separator: " ")) │ \(String(format: "%.0f", status.fps)) fps "
            + "\(Format.duration(status.frameTime)) │ drop \(Format.count(Double(view.droppedEvents)))"
        if model.isFrozen { right = "FROZEN │ " + right }
        let rightWidth = min(CharacterWidth.of(right), max(0, area.width / 2))
        let rightArea = Rect(x: area.maxX - rightWidth, y: area.y, width: rightWidth, height: 1)
        canvas.put(TextMeasure.truncate(right, to: rightWidth), x: rightArea.x, y: area.y,
                   style: theme.hintTextStyle.bg(theme.popupBackground), clip: rightArea)
        let left = Rect(x: area.x, y: area.y, width: max(0, area.width - rightWidth - 1), height: 1)
        var segments = [Segment(status.workloadText + " ", style: stateStyle)]
        if case .failed(_, let message) = status.workload {
            segments.append(Segment(message + " ", style: Style(fg: theme.error, bg: theme.popupBackground)))
        } else if let message = model.message {
            segments.append(Segment(message + " ", style: Style(fg: theme.foreground, bg: theme.popupBackground, attributes: .bold)))
        }
        canvas.render(StyledLine(segments), in: left)
        let used = StyledLine(segments).width
        let hints = [KeyHint("?", "help"), KeyHint("Tab", "focus"), KeyHint("Space", "freeze"), KeyHint("e", "trace"),
                     KeyHint("t", "theme"), KeyHint("q", "quit")]
        if used + 4 < left.width {
            canvas.render(StatusBar(hints: hints, keyStyle: theme.hintKeyStyle.bg(theme.popupBackground),
                                    textStyle: theme.hintTextStyle.bg(theme.popupBackground)),
                          in: Rect(x: left.x + used + 1, y: left.y, width: left.width - used - 1, height: 1))
        }
    }

    func drawOverlays(into canvas: inout Canvas) {
        let theme = palette.theme
        let popupBlock = Block(borderType: .double, borderStyle: theme.borderStyle(focused: true).bg(theme.popupBackground),
                               titleStyle: theme.titleStyle.bg(theme.popupBackground), fillStyle: theme.popupStyle)
        if let open = model.form {
            var state = open.state
            let height = min(canvas.height - 2, open.names.count * 2 + 4)
            let popup = Popup(title: "\(open.workload): Enter starts, Esc cancels", width: min(canvas.width - 4, 70),
                              height: height, content: Paragraph(""), block: popupBlock)
            canvas.render(popup, in: canvas.bounds)
            let inner = popupBlock.inner(popup.frame(in: canvas.bounds)).inset(left: 1, right: 1)
            let form = Form(labelStyle: theme.popupStyle, fieldStyle: theme.popupStyle.adding(.underline),
                            focusedStyle: theme.selectedStyle, errorStyle: Style(fg: theme.error, bg: theme.popupBackground))
            canvas.render(form, in: inner, state: &state)
        }
        if model.showHelp {
            let content = HelpContent(bindings: DashboardAction.bindings, keyStyle: theme.hintKeyStyle.bg(theme.popupBackground),
                                      textStyle: theme.popupStyle)
            let size = content.preferredSize
            canvas.render(Popup(title: "Help · any key closes", width: size.width, height: size.height, content: content,
                                block: popupBlock), in: canvas.bounds)
        }
        if let error = model.errorPopup {
            let text = Paragraph(error + "\n\nEnter or Esc closes; the dashboard keeps running.",
                                 style: Style(fg: theme.error, bg: theme.popupBackground))
            let width = min(canvas.width - 4, 72)
            let lines = text.layoutLines(width: width - 4).count
            canvas.render(Popup(title: "Error", width: width, height: lines + 2, content: text, block: popupBlock),
                          in: canvas.bounds)
        }
    }
}

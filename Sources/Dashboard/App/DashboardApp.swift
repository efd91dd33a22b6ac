import Foundation
import TerminalUI

/// The interactive loop: reads input, takes a view from the source each frame (at `fps`), draws
/// it, and carries out the model's effects (start/stop workloads, export, themes). Workloads run
/// on the runner's thread; the loop never waits for the engine.
public final class DashboardApp {
    let source: DashboardSource
    let runner: WorkloadLoop
    let catalog: [WorkloadEntry]
    let options: DashboardOptions
    public private(set) var model: DashboardModel
    var themes: ThemeCycle?
    var current = DashboardView()
    var layout: DashboardLayout?
    var reportedFailure: WorkloadLoop.State?
    /// A status-bar message and when it first showed; it goes after `messageSeconds`.
    var shownMessage: (text: String, since: Double)?
    let messageSeconds = 6.0

    public init(source: DashboardSource, runner: WorkloadLoop, catalog: [WorkloadEntry], options: DashboardOptions) {
        self.source = source
        self.runner = runner
        self.catalog = catalog
        self.options = options
        model = DashboardModel(menu: catalog.map {
            DashboardModel.MenuEntry(name: $0.name, summary: $0.summary, parameters: $0.parameters)
        })
    }

    /// Runs until quit; returns the exit status (0, or 128+signal when one ended it).
    public func run() throws -> Int32 {
        let status = try Terminal.withSession(options: TerminalOptions(mouse: options.mouse)) { terminal -> Int32 in
            themes = ThemeCycle(initial: options.theme, depth: terminal.colorDepth)
            if let problem = themes?.problem { model.message = "theme: \(problem)" }
            if let name = options.workload {
                start(name, values: options.values)
                model.focus = .timeline
            }
            var clock = FrameClock(fps: options.fps)
            while true {
                let event: InputEvent?
                do {
                    event = try terminal.poll(timeout: clock.waitMilliseconds)
                } catch let error as TerminalError {
                    if case .signal(let signo) = error { return 128 + signo }
                    throw error
                }
                if let event {
                    if case .resize = event { clock = FrameClock(fps: options.fps) }  // redraw now
                    if apply(model.handle(event, view: current, layout: layout)) { return 0 }
                    if !clock.isDue { continue }
                }
                guard clock.isDue else { continue }
                let started = FrameClock.now()
                var canvas = Canvas(width: terminal.size.width, height: terminal.size.height)
                draw(into: &canvas, fps: clock.fps, frameTime: clock.lastFrameTime)
                terminal.present(canvas)
                clock.frameDone(started: started)
            }
        }
        runner.stopAndWait(timeout: 2)
        return status
    }

    /// Builds one frame: a fresh view (or the pinned one when frozen), then everything drawn.
    public func draw(into canvas: inout Canvas, fps: Double, frameTime: Double) {
        let sizeClass = DashboardLayout.sizeClass(width: canvas.width, height: canvas.height)
        let view = source.view(viewport: model.viewport, pinned: model.isFrozen, panels: model.visible(sizeClass))
        if model.isFrozen { model.frozen = view }
        current = view
        let state = runner.state
        if case .failed(let name, let message) = state, reportedFailure != state {
            reportedFailure = state
            model.errorPopup = "\(name) failed: \(message)"
        }
        expireMessage()
        let palette = themes?.palette ?? DashboardPalette.builtin()
        let status = StatusInfo(workload: state, devices: source.devices, fps: fps, frameTime: frameTime,
                                themeName: themes?.name ?? "default")
        layout = DashboardScreen(model: model, view: view, status: status, palette: palette).render(into: &canvas)
    }

    /// Clears the status-bar message once it has shown for `messageSeconds`.
    func expireMessage() {
        guard let text = model.message else {
            shownMessage = nil
            return
        }
        let now = FrameClock.now()
        if shownMessage?.text != text { shownMessage = (text, now) }
        if let shown = shownMessage, now - shown.since > messageSeconds {
            model.message = nil
            shownMessage = nil
        }
    }

    /// Carries out effects; true when the app should quit.
    func apply(_ effects: [DashboardEffect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return true
            case .start(let name, let values):
                start(name, values: values)
            case .stop:
                runner.stop()
                model.message = "stopping"
            case .export:
                export()
            case .cycleTheme:
                themes?.next()
                model.message = "theme \(themes?.name ?? "default")" + (themes?.problem.map { " (\($0))" } ?? "")
            }
        }
        if model.isFrozen { source.pin() } else { source.unpin() }
        return false
    }

    func start(_ name: String, values: [String: String]) {
        guard let entry = catalog.first(where: { $0.name == name }) else {
            model.errorPopup = "unknown workload '\(name)' (available: \(catalog.map(\.name).joined(separator: ", ")))"
            return
        }
        if let problem = entry.validate(values) {
            model.errorPopup = problem
            return
        }
        runner.start(entry, values: values)
        model.message = "started \(name)"
    }

    func export() {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let path = (options.traceDirectory as NSString).appendingPathComponent(
            "streamtop-\(formatter.string(from: Date())).json")
        do {
            let written = try source.writeTrace(to: path)
            model.message = "trace written to \(written) (open in ui.perfetto.dev)"
        } catch {
            model.errorPopup = "could not write the trace: \(error)"
        }
    }
}

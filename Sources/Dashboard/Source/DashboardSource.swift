/// Where the dashboard's data comes from: the live profiler in the app, a fixed view in tests.
public protocol DashboardSource: AnyObject {
    /// The view for this frame; `pinned` re-uses the moment captured by `pin()` (the frozen view);
    /// `panels` are the ones on screen (a source may skip building the others).
    func view(viewport: TimelineViewport, pinned: Bool, panels: Set<PanelID>) -> DashboardView
    /// Captures the current moment for a frozen view and its export.
    func pin()
    func unpin()
    /// Writes the current (or pinned) window as a Chrome/Perfetto trace; returns the path.
    func writeTrace(to path: String) throws -> String
    /// Device labels for the status bar ("cpu", "gpu0").
    var devices: [String] { get }
}

/// A source that always shows one view (tests, demos and the off-screen benchmark).
public final class FixedSource: DashboardSource {
    public var fixed: DashboardView
    public private(set) var traces: [String] = []

    public init(_ view: DashboardView) { fixed = view }

    public func view(viewport: TimelineViewport, pinned: Bool, panels: Set<PanelID>) -> DashboardView { fixed }
    public func pin() {}
    public func unpin() {}
    public func writeTrace(to path: String) throws -> String {
        traces.append(path)
        return path
    }
    public var devices: [String] { ["cpu"] }
}

import Engine
import Foundation
import Profiler

/// The live source: a running `Profiler`, one snapshot per frame, adapted for the panels. A
/// frozen view keeps drawing the pinned snapshot (and exports it) while the profiler goes on.
public final class ProfilerSource: DashboardSource {
    public let profiler: Profiler
    var adapter = SnapshotAdapter()
    var pinned: ProfileSnapshot?
    var latest: ProfileSnapshot?

    /// Starts `profiler` listening to the engine.
    public init(profiler: Profiler = Profiler()) {
        self.profiler = profiler
        profiler.start()
    }

    deinit { profiler.stop() }

    /// The last pinned view and what it was built for: a frozen view is only rebuilt when the
    /// viewport or the panels change.
    var cached: (viewport: TimelineViewport, panels: Set<PanelID>, view: DashboardView)?

    public func view(viewport: TimelineViewport, pinned usePinned: Bool, panels: Set<PanelID>) -> DashboardView {
        if usePinned, pinned != nil, let cached, cached.viewport == viewport, cached.panels == panels { return cached.view }
        let snapshot: ProfileSnapshot
        if usePinned, let pinned {
            snapshot = pinned
        } else {
            snapshot = profiler.snapshot()
            latest = snapshot
        }
        // Live, a column is at least window/400 wide on any screen: bursts closer than that
        // merge here, cheaply, instead of in every panel draw.
        let view = adapter.view(snapshot, viewport: viewport, panels: panels,
                                mergeGap: usePinned ? nil : viewport.window / 400)
        cached = usePinned ? (viewport, panels, view) : nil
        return view
    }

    public func pin() {
        if pinned == nil { pinned = latest ?? profiler.snapshot() }
    }

    public func unpin() {
        pinned = nil
        cached = nil
    }

    public func writeTrace(to path: String) throws -> String {
        let snapshot = pinned ?? profiler.snapshot()
        let url = URL(fileURLWithPath: path)
        try ChromeTrace.write(snapshot, to: url, metadata: ["producer": "streamtop dashboard"])
        return url.standardizedFileURL.path
    }

    public var devices: [String] {
        var labels = ["cpu"]
        let gpus = (latest?.streams ?? []).map(\.stream.device).filter { $0.kind == .gpu }
        for device in Set(gpus).sorted(by: { $0.index < $1.index }) { labels.append(device.label) }
        return labels
    }
}

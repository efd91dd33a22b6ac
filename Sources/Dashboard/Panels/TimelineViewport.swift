/// Which slice of time the timeline shows: a window width (zoom) and how far behind "now"
/// its right edge is (scroll). Following live means the right edge is the newest event.
public struct TimelineViewport: Hashable, Sendable {
    public static let minimumWindow = 1e-5
    public static let maximumWindow = 120.0

    /// Seconds across the plot.
    public private(set) var window: Double
    /// Seconds between the newest event and the right edge; 0 follows live.
    public private(set) var lag: Double

    public init(window: Double = 0.5, lag: Double = 0) {
        self.window = min(max(window, Self.minimumWindow), Self.maximumWindow)
        self.lag = max(0, lag)
    }

    public var isFollowing: Bool { lag == 0 }

    /// `+` halves the window, `-` doubles it, keeping the right edge where it is.
    public mutating func zoom(in zoomIn: Bool) {
        window = min(max(zoomIn ? window / 2 : window * 2, Self.minimumWindow), Self.maximumWindow)
    }

    /// ← (negative steps) goes back in time by a quarter window per step; → comes forward,
    /// stopping at live.
    public mutating func scroll(steps: Int) {
        lag = max(0, lag - Double(steps) * window / 4)
    }

    public mutating func followLive() { lag = 0 }

    /// The visible [t0, t1) for a timeline whose newest event is at `now`.
    public func range(now: Double) -> (t0: Double, t1: Double) {
        let t1 = now - lag
        return (t1 - window, t1)
    }
}

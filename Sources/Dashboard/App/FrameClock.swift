import Foundation

/// Frame pacing and the figures the status bar shows: frames per second over the last second
/// and the time the last frame took to build.
struct FrameClock {
    let interval: Double
    private(set) var next: Double
    private var recent: [Double] = []
    private(set) var lastFrameTime = 0.0

    init(fps: Int) {
        interval = 1 / Double(min(max(fps, 1), 120))
        next = FrameClock.now()
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Milliseconds until the next frame is due (0 when late).
    var waitMilliseconds: Int { max(0, Int(((next - FrameClock.now()) * 1000).rounded(.up))) }

    var isDue: Bool { FrameClock.now() >= next }

    mutating func frameDone(started: Double) {
        let end = FrameClock.now()
        lastFrameTime = end - started
        recent.append(end)
        recent.removeAll { $0 < end - 1 }
        // Skip frames rather than bunch them after a stall.
        next = max(next + interval, end)
    }

    var fps: Double { Double(recent.count) }
}

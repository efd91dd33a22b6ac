/// How much a `Profiler` keeps and how often it collects.
public struct ProfilerConfiguration: Sendable {
    /// Events each recording thread may hold before the oldest is dropped.
    public var perThreadCapacity: Int = 1 << 14
    /// Op spans kept per stream in the snapshot window (waits and transfers likewise).
    public var windowPerStream: Int = 1 << 16
    /// Memory samples kept per device.
    public var memorySamples: Int = 1 << 14
    /// Latest run times kept per op for latency graphs.
    public var recentLatencies: Int = 256
    /// How stale a snapshot's op percentiles may be, in ms (0: exact on every snapshot). Counts and
    /// totals are always current; the percentiles walk each op's histogram, too costly 20×/s.
    public var percentileRefreshMs: Int = 250
    /// Errors kept.
    public var errorLimit: Int = 100
    /// Keep every event since `start()` for a whole-session trace (unbounded: for `streamtop run --trace`).
    public var keepSession: Bool = false
    /// How often a background thread drains the buffers; nil: only `collect()` and `snapshot()` drain.
    public var collectIntervalMs: Int? = 10

    public init() {}
}

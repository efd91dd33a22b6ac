/// How busy a stream was: the fraction of wall time (0…1) covered by its op spans over the last
/// 100 ms, 1 s and 10 s before the snapshot (overlapping spans count once), plus a history of
/// 100 ms buckets for a sparkline.
public struct StreamOccupancy: Sendable, Equatable {
    public let stream: StreamInfo
    public let last100ms: Double
    public let last1s: Double
    public let last10s: Double
    /// Busy fraction over the whole profile (first op to snapshot time).
    public let overall: Double
    public let busyNs: UInt64
    /// Busy fraction per 100 ms bucket, oldest first, the last being the bucket that holds `now`.
    public let history: [Double]

    public init(
        stream: StreamInfo, last100ms: Double, last1s: Double, last10s: Double, overall: Double, busyNs: UInt64,
        history: [Double]
    ) {
        self.stream = stream
        self.last100ms = last100ms
        self.last1s = last1s
        self.last10s = last10s
        self.overall = overall
        self.busyNs = busyNs
        self.history = history
    }
}

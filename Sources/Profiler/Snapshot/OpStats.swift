import Engine

/// Timing of one op name on one device since the profiler started. Nanoseconds throughout;
/// percentiles come from an HDR histogram (3 significant digits: within 0.1% of the exact value).
public struct OpStats: Sendable, Equatable {
    public let name: String
    public let device: Device
    public let count: Int
    public let errors: Int
    public let totalNs: UInt64
    public let meanNs: Double
    public let minNs: UInt64
    public let maxNs: UInt64
    public let p50Ns: UInt64
    public let p90Ns: UInt64
    public let p95Ns: UInt64
    public let p99Ns: UInt64
    /// Bytes and flops summed over every run (for GB/s and GFLOP/s columns).
    public let totalBytes: Int
    public let totalFlops: Int
    /// The latest run times, oldest first (at most `ProfilerConfiguration.recentLatencies`).
    public let recentNs: [UInt64]

    public init(
        name: String, device: Device, count: Int, errors: Int, totalNs: UInt64, meanNs: Double, minNs: UInt64,
        maxNs: UInt64, p50Ns: UInt64, p90Ns: UInt64, p95Ns: UInt64, p99Ns: UInt64, totalBytes: Int, totalFlops: Int,
        recentNs: [UInt64]
    ) {
        self.name = name
        self.device = device
        self.count = count
        self.errors = errors
        self.totalNs = totalNs
        self.meanNs = meanNs
        self.minNs = minNs
        self.maxNs = maxNs
        self.p50Ns = p50Ns
        self.p90Ns = p90Ns
        self.p95Ns = p95Ns
        self.p99Ns = p99Ns
        self.totalBytes = totalBytes
        self.totalFlops = totalFlops
        self.recentNs = recentNs
    }
}

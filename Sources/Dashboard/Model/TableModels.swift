/// One row of the op table: an op on one device, times in seconds.
public struct OpRow: Hashable, Sendable {
    public var name: String
    public var device: DeviceLabel
    public var count: Int
    public var total: Double
    public var mean: Double
    public var p50: Double
    public var p95: Double
    public var p99: Double
    /// Share of all op time in the window, 0…1.
    public var share: Double
    /// Recent latencies, oldest first (the selected op's graph).
    public var recent: [Double]

    public init(name: String, device: DeviceLabel, count: Int, total: Double, mean: Double, p50: Double,
                p95: Double, p99: Double, share: Double, recent: [Double] = []) {
        self.name = name
        self.device = device
        self.count = count
        self.total = total
        self.mean = mean
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.share = share
        self.recent = recent
    }
}

/// One stream's busy history and waits.
public struct StreamRow: Hashable, Sendable {
    public var name: String
    public var device: DeviceLabel
    /// Busy fraction (0…1) per time bucket, oldest first.
    public var occupancy: [Double]
    /// Busy fraction over the most recent bucket window.
    public var busy: Double
    /// Seconds spent waiting on other streams in the window.
    public var waited: Double

    public init(name: String, device: DeviceLabel, occupancy: [Double], busy: Double, waited: Double) {
        self.name = name
        self.device = device
        self.occupancy = occupancy
        self.busy = busy
        self.waited = waited
    }
}

/// One device's memory pool over time.
public struct MemoryRow: Hashable, Sendable {
    public var device: DeviceLabel
    /// Bytes, oldest first, one sample per time bucket.
    public var active: [Double]
    public var cached: [Double]
    public var peak: Int
    /// Nil when the pool has no limit.
    public var limit: Int?
    /// Cache hits / allocations, 0…1; nil before the first allocation.
    public var hitRate: Double?
    public var allocationsPerSecond: Double

    public init(device: DeviceLabel, active: [Double], cached: [Double], peak: Int, limit: Int? = nil,
                hitRate: Double? = nil, allocationsPerSecond: Double = 0) {
        self.device = device
        self.active = active
        self.cached = cached
        self.peak = peak
        self.limit = limit
        self.hitRate = hitRate
        self.allocationsPerSecond = allocationsPerSecond
    }
}

/// Host↔device copies in the window.
public struct TransferSummary: Hashable, Sendable {
    public var count: Int
    public var bytes: Int
    public var perSecond: Double
    public var bytesPerSecond: Double

    public init(count: Int = 0, bytes: Int = 0, perSecond: Double = 0, bytesPerSecond: Double = 0) {
        self.count = count
        self.bytes = bytes
        self.perSecond = perSecond
        self.bytesPerSecond = bytesPerSecond
    }
}

import Engine

/// One device's memory pool: the latest figures and a bounded series of samples for graphs and traces.
public struct MemorySeries: Sendable, Equatable {
    /// The pool's figures right after one allocation or free.
    public struct Sample: Sendable, Equatable {
        public let time: UInt64
        public let activeBytes: Int
        public let cachedBytes: Int
        public let peakBytes: Int
        /// Allocations and cache hits counted up to this sample (for a hit-rate series).
        public let allocations: Int
        public let cacheHits: Int

        public init(time: UInt64, activeBytes: Int, cachedBytes: Int, peakBytes: Int, allocations: Int = 0, cacheHits: Int = 0) {
            self.time = time
            self.activeBytes = activeBytes
            self.cachedBytes = cachedBytes
            self.peakBytes = peakBytes
            self.allocations = allocations
            self.cacheHits = cacheHits
        }

        /// cacheHits / allocations up to this sample, 0…1.
        public var hitRate: Double { allocations > 0 ? Double(cacheHits) / Double(allocations) : 0 }
    }

    public let device: Device
    public let activeBytes: Int
    public let cachedBytes: Int
    public let peakBytes: Int
    /// 0 when unknown.
    public let limitBytes: Int
    public let allocations: Int
    public let cacheHits: Int
    public let frees: Int
    /// cacheHits / allocations (0 when nothing was allocated).
    public let hitRate: Double
    /// Allocations per second over the last second before the snapshot.
    public let allocationsPerSecond: Double
    /// Oldest first; bounded (older samples are dropped).
    public let samples: [Sample]

    public init(
        device: Device, activeBytes: Int, cachedBytes: Int, peakBytes: Int, limitBytes: Int, allocations: Int,
        cacheHits: Int, frees: Int, hitRate: Double, allocationsPerSecond: Double, samples: [Sample]
    ) {
        self.device = device
        self.activeBytes = activeBytes
        self.cachedBytes = cachedBytes
        self.peakBytes = peakBytes
        self.limitBytes = limitBytes
        self.allocations = allocations
        self.cacheHits = cacheHits
        self.frees = frees
        self.hitRate = hitRate
        self.allocationsPerSecond = allocationsPerSecond
        self.samples = samples
    }
}

import DequeModule
import Engine

/// One device's pool as seen through its memory records.
struct MemoryAggregate {
    let device: Device
    private var latestTime: UInt64 = 0
    private var active = 0
    private var cached = 0
    private var peak = 0
    private var limit = 0
    private var allocations = 0
    private var hits = 0
    private var frees = 0
    private var samples = Deque<MemorySeries.Sample>()
    private var allocationTimes = Deque<UInt64>()
    private let sampleLimit: Int

    init(device: Device, sampleLimit: Int) {
        self.device = device
        self.sampleLimit = max(1, sampleLimit)
    }

    mutating func add(_ r: MemoryRecord) {
        switch r.kind {
        case .allocate:
            allocations += 1
            if r.cacheHit { hits += 1 }
            allocationTimes.append(r.time)
            if allocationTimes.count > 1 << 17 { allocationTimes.removeFirst() }
        case .free:
            frees += 1
        }
        if r.limitBytes > 0 { limit = r.limitBytes }
        peak = max(peak, r.peakBytes, r.activeBytes)
        if r.time >= latestTime {
            latestTime = r.time
            active = r.activeBytes
            cached = r.cachedBytes
        }
        let sample = MemorySeries.Sample(
            time: r.time, activeBytes: r.activeBytes, cachedBytes: r.cachedBytes, peakBytes: r.peakBytes,
            allocations: allocations, cacheHits: hits)
        var position = samples.count
        while position > 0, samples[position - 1].time > r.time { position -= 1 }
        samples.insert(sample, at: position)
        if samples.count > sampleLimit { samples.removeFirst() }
    }

    /// Forgets allocation times older than the one-second rate window.
    mutating func evict(before time: UInt64) {
        while let first = allocationTimes.first, first < time { allocationTimes.removeFirst() }
    }

    func series(now: UInt64, limitFallback: Int) -> MemorySeries {
        let since = now >= 1_000_000_000 ? now - 1_000_000_000 : 0
        let recent = allocationTimes.reduce(0) { $0 + ($1 > since && $1 <= now ? 1 : 0) }
        return MemorySeries(
            device: device, activeBytes: active, cachedBytes: cached, peakBytes: peak,
            limitBytes: limit > 0 ? limit : limitFallback, allocations: allocations, cacheHits: hits, frees: frees,
            hitRate: allocations > 0 ? Double(hits) / Double(allocations) : 0, allocationsPerSecond: Double(recent),
            samples: samples.array)
    }
}

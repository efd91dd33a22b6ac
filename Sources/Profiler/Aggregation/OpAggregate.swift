import DequeModule
import Engine
import Histogram

/// Running timing figures of one op name on one device. Percentiles come from an HDR histogram; a
/// live dashboard reads them 20×/s while every op gets new runs, so they are recomputed only when
/// runs were added and the last computation is older than the caller's `maxAgeNs` (the counts,
/// totals and recent runs are always current).
struct OpAggregate {
    let name: String
    let device: Device
    private var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    private var count = 0
    private var errors = 0
    private var total: UInt64 = 0
    private var minimum = UInt64.max
    private var maximum: UInt64 = 0
    private var bytes = 0
    private var flops = 0
    private var recent = Deque<UInt64>()
    private let recentLimit: Int
    private var cached: OpStats?
    /// The last percentiles (p50, p90, p95, p99), the run count and the time they were computed at.
    private var percentileCache: (values: [UInt64], count: Int, at: UInt64)?

    init(name: String, device: Device, recentLimit: Int) {
        self.name = name
        self.device = device
        self.recentLimit = max(0, recentLimit)
    }

    var totalNs: UInt64 { total }

    /// Adds one run; a failed run counts as an error, not as a timing.
    mutating func add(_ op: OpRecord) {
        cached = nil
        guard op.error == nil else {
            errors += 1
            return
        }
        let ns = op.duration
        _ = histogram.record(ns)
        count += 1
        total &+= ns
        minimum = Swift.min(minimum, ns)
        maximum = Swift.max(maximum, ns)
        bytes &+= op.bytes
        flops &+= op.flops
        if recentLimit > 0 {
            if recent.count == recentLimit { recent.removeFirst() }
            recent.append(ns)
        }
    }

    /// The figures now; percentiles may be up to `maxAgeNs` old (0: always exact).
    mutating func stats(now: UInt64 = 0, maxAgeNs: UInt64 = 0) -> OpStats {
        if let cached { return cached }
        let p = currentPercentiles(now: now, maxAgeNs: maxAgeNs)
        let stats = OpStats(
            name: name, device: device, count: count, errors: errors, totalNs: total,
            meanNs: count > 0 ? Double(total) / Double(count) : 0, minNs: count > 0 ? minimum : 0, maxNs: maximum,
            p50Ns: p[0], p90Ns: p[1], p95Ns: p[2], p99Ns: p[3], totalBytes: bytes, totalFlops: flops,
            recentNs: recent.array)
        // Stale percentiles must not stick: with no further runs the next read would reuse them forever.
        if percentileCache == nil || percentileCache?.count == count { cached = stats }
        return stats
    }

    /// Reuses the cached percentiles when no run was added, or when they are younger than `maxAgeNs`.
    private mutating func currentPercentiles(now: UInt64, maxAgeNs: UInt64) -> [UInt64] {
        guard count > 0 else { return [0, 0, 0, 0] }
        if let c = percentileCache, c.count == count || (maxAgeNs > 0 && now &- c.at < maxAgeNs && now >= c.at) {
            return c.values
        }
        let p = percentiles([50, 90, 95, 99])
        percentileCache = (p, count, now)
        return p
    }

    /// `Histogram.valueAtPercentile` for several ascending percentiles in one pass over the recorded
    /// values (the library walks every bucket once per call, unspecialised).
    private func percentiles(_ ps: [Double]) -> [UInt64] {
        let total = Double(histogram.totalCount)
        // The same rank rule as valueAtPercentile: ceil(p⁻ × n / 100), at least 1.
        let ranks = ps.map { Swift.max(1, UInt64(($0.nextDown * total / 100).rounded(.up))) }
        var result = [UInt64](repeating: histogram.maxRecorded, count: ps.count)
        var next = 0
        for step in histogram.recordedValues() {
            while next < ranks.count, step.totalCountToThisValue >= ranks[next] {
                result[next] = Swift.max(Swift.min(step.value, histogram.maxRecorded), histogram.min)
                next += 1
            }
            if next == ranks.count { break }
        }
        return result
    }
}

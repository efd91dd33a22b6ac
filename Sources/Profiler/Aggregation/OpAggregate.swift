import DequeModule
import Engine
import Histogram

/// Running timing figures of one op name on one device. Percentiles come from an HDR histogram and
/// are recomputed only when a run was added since the last read.
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

    mutating func stats() -> OpStats {
        if let cached { return cached }
        let stats = OpStats(
            name: name, device: device, count: count, errors: errors, totalNs: total,
            meanNs: count > 0 ? Double(total) / Double(count) : 0, minNs: count > 0 ? minimum : 0, maxNs: maximum,
            p50Ns: percentile(50), p90Ns: percentile(90), p95Ns: percentile(95), p99Ns: percentile(99),
            totalBytes: bytes, totalFlops: flops, recentNs: Array(recent))
        cached = stats
        return stats
    }

    private func percentile(_ p: Double) -> UInt64 { count > 0 ? histogram.valueAtPercentile(p) : 0 }
}

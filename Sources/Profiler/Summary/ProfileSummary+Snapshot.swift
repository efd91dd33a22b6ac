import Engine

extension ProfileSummary {
    /// The summary of a snapshot's aggregates.
    public init(_ snapshot: ProfileSnapshot) {
        let us = { (ns: UInt64) in Double(ns) / 1e3 }
        let allOpNs = snapshot.ops.reduce(0.0) { $0 + Double($1.totalNs) }
        let ops = snapshot.ops.map { s in
            OpRow(
                name: s.name, device: s.device.label, count: s.count, errors: s.errors, totalMs: Double(s.totalNs) / 1e6,
                percent: allOpNs > 0 ? Double(s.totalNs) / allOpNs * 100 : 0, meanUs: s.meanNs / 1e3,
                minUs: us(s.minNs), p50Us: us(s.p50Ns), p95Us: us(s.p95Ns), p99Us: us(s.p99Ns), maxUs: us(s.maxNs))
        }
        var opsPerStream: [Int: Int] = [:]
        for window in snapshot.streams { opsPerStream[window.stream.index] = window.ops.count }
        let streams = snapshot.occupancy.map { o in
            StreamRow(
                stream: o.stream.name, index: o.stream.index, device: o.stream.device.label,
                ops: opsPerStream[o.stream.index] ?? 0, busyMs: Double(o.busyNs) / 1e6, busyPercent: o.overall * 100,
                lastSecondPercent: o.last1s * 100)
        }
        let memory = snapshot.memory.map { m in
            MemoryRow(
                device: m.device.label, peakBytes: m.peakBytes, activeBytes: m.activeBytes, cachedBytes: m.cachedBytes,
                limitBytes: m.limitBytes, allocations: m.allocations, cacheHits: m.cacheHits,
                hitRatePercent: m.hitRate * 100)
        }
        let waits = snapshot.waits.map { w in
            WaitRow(
                stream: w.stream.name, waitedFor: w.waitedFor.name, count: w.count, totalMs: Double(w.totalNs) / 1e6,
                maxMs: Double(w.maxNs) / 1e6)
        }
        let transfers = snapshot.transfers.map { t in
            TransferRow(direction: t.direction, device: t.device.label, count: t.count, bytes: t.bytes, gbPerSecond: t.gbPerSecond)
        }
        self.init(
            durationSeconds: Double(snapshot.now &- snapshot.start) / 1e9, ops: ops, streams: streams, memory: memory,
            waits: waits, transfers: transfers,
            errors: snapshot.errors.map { "\($0.op) (node \($0.nodeID), \($0.stream.name)): \($0.message)" },
            droppedEvents: snapshot.droppedEvents)
    }
}

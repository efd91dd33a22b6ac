import Engine

extension ProfileSession {
    /// The events in a snapshot's window; memory samples become records (sizes unknown: 0).
    public init(_ snapshot: ProfileSnapshot) {
        var events: [EngineEvent] = []
        events.reserveCapacity(snapshot.windowEventCount)
        for window in snapshot.streams {
            events.append(contentsOf: window.ops.lazy.map { .op($0) })
            events.append(contentsOf: window.waits.lazy.map { .wait($0) })
            events.append(contentsOf: window.transfers.lazy.map { .transfer($0) })
        }
        for series in snapshot.memory {
            var previous: MemorySeries.Sample?
            for s in series.samples {
                defer { previous = s }
                guard s.time >= snapshot.windowStart else { continue }
                // Samples carry running counts: an allocation (or hit) happened where they grew.
                let allocated = s.allocations > (previous?.allocations ?? 0)
                let hit = s.cacheHits > (previous?.cacheHits ?? 0)
                events.append(
                    .memory(
                        MemoryRecord(
                            kind: allocated ? .allocate : .free, device: series.device, bytes: 0, cacheHit: hit,
                            activeBytes: s.activeBytes, cachedBytes: s.cachedBytes, peakBytes: s.peakBytes, time: s.time,
                            limitBytes: series.limitBytes)))
            }
        }
        if let graph = snapshot.lastGraph {
            events.append(.graph(GraphRecord(nodes: graph.nodes, time: graph.time)))
        }
        self.init(events: events, start: snapshot.start, droppedEvents: snapshot.droppedEvents)
        end = max(end, snapshot.now)
    }
}

import Engine
import Profiler

/// Turns a profiler snapshot into what the panels draw. Only the events overlapping the visible
/// time range become timeline items, so a frame costs what is on screen, not the whole window.
public struct SnapshotAdapter: Sendable {
    /// Samples kept per memory and occupancy graph.
    public var historyLength = 240
    /// Op records (all streams together) the "recent ops" graph is built from when the last
    /// eval was tiny.
    public var recentGraphOps = 600

    public init() {}

    /// Seconds since the profiler started.
    static func seconds(_ ns: UInt64, _ start: UInt64) -> Double {
        ns >= start ? Double(ns - start) / 1e9 : -Double(start - ns) / 1e9
    }

    static func label(_ device: Device) -> DeviceLabel { DeviceLabel(device.kind == .cpu ? .cpu : .gpu, device.index) }

    /// `viewport` picks the slice of the timeline to convert; `panels` the parts worth building
    /// (the graph is skipped when its panel is hidden). With `mergeGap`, consecutive runs of one
    /// op on a stream closer than that many seconds become one span (a live view cannot show
    /// them apart anyway); a frozen view passes nil to keep every op for its cursor.
    public func view(_ snapshot: ProfileSnapshot, viewport: TimelineViewport,
                     panels: Set<PanelID> = Set(PanelID.allCases), mergeGap: Double? = nil) -> DashboardView {
        let start = snapshot.start
        let now = Self.seconds(snapshot.now, start)
        let (t0, t1) = viewport.range(now: now)
        let lo = start &+ UInt64(max(0, (t0 - viewport.window / 4) * 1e9))
        let hi = start &+ UInt64(max(0, t1 * 1e9))
        var lanes: [TimelineModel.Lane] = []
        var laneOf: [Int: Int] = [:]
        for window in snapshot.streams {
            laneOf[window.stream.index] = lanes.count
            lanes.append(TimelineModel.Lane(name: window.stream.name, device: Self.label(window.stream.device),
                                            streamIndex: window.stream.index))
        }
        var spans: [TimelineModel.Span] = []
        var waits: [TimelineModel.Wait] = []
        var producers: [Int: (lane: Int, end: Double)] = [:]
        // Inputs of ops folded into a run, still checked for cross-stream arrows.
        var crossInputs: [(inputs: [Int], lane: Int, start: Double, nodeID: Int)] = []
        for window in snapshot.streams {
            guard let lane = laneOf[window.stream.index] else { continue }
            let ops = window.ops
            var i = Self.firstIndex(ops, finishedAtLeast: lo) { $0.finished }
            let laneStart = spans.count  // only this lane's spans may absorb the next op
            while i < ops.count, ops[i].started <= hi {
                let r = ops[i]
                i += 1
                let begin = Self.seconds(r.started, start)
                let end = Self.seconds(max(r.finished, r.started), start)
                producers[r.nodeID] = (lane, end)
                // A burst of one op closer than `mergeGap`: extend the run instead of adding a span.
                if let gap = mergeGap, spans.count > laneStart, spans[spans.count - 1].name == r.name,
                   begin - spans[spans.count - 1].end < gap {
                    spans[spans.count - 1].end = max(spans[spans.count - 1].end, end)
                    spans[spans.count - 1].count += 1
                    crossInputs.append((r.inputIDs, lane, begin, r.nodeID))
                    continue
                }
                spans.append(TimelineModel.Span(
                    lane: lane, start: begin, end: end, name: r.name, nodeID: r.nodeID, shape: r.shape,
                    dtype: "\(r.dtype)", inputs: r.inputIDs))
            }
            let transfers = window.transfers
            var t = Self.firstIndex(transfers, finishedAtLeast: lo) { $0.finished }
            while t < transfers.count, transfers[t].started <= hi {
                let r = transfers[t]
                t += 1
                spans.append(TimelineModel.Span(
                    lane: lane, start: Self.seconds(r.started, start), end: Self.seconds(r.finished, start),
                    name: Self.transferName(r.direction), kind: .transfer, nodeID: r.nodeID))
            }
            let windowWaits = window.waits
            var w = Self.firstIndex(windowWaits, finishedAtLeast: lo) { $0.finished }
            while w < windowWaits.count, windowWaits[w].started <= hi {
                let r = windowWaits[w]
                w += 1
                waits.append(TimelineModel.Wait(
                    lane: lane, onLane: laneOf[r.waitedForStreamIndex] ?? lane, start: Self.seconds(r.started, start),
                    end: Self.seconds(r.finished, start), consumerNodeID: r.consumerNodeID))
            }
        }
        var dependencies: [TimelineModel.Dependency] = []
        var seen = Set<[Int]>()
        let consumers = spans.filter { $0.kind == .op }.map { ($0.inputs, $0.lane, $0.start, $0.nodeID) } + crossInputs
        for (inputs, lane, begin, nodeID) in consumers {
            for input in inputs {
                guard let producer = producers[input], producer.lane != lane,
                      seen.insert([input, nodeID]).inserted else { continue }
                dependencies.append(TimelineModel.Dependency(fromLane: producer.lane, fromTime: producer.end,
                                                             toLane: lane, toTime: begin))
            }
        }
        let timeline = TimelineModel(lanes: lanes, spans: spans, waits: waits, dependencies: dependencies, now: now)
        return DashboardView(
            timeline: timeline, ops: opRows(snapshot), streams: streamRows(snapshot), memory: memoryRows(snapshot),
            transfers: transferSummary(snapshot), graph: panels.contains(.graph) ? graph(snapshot) : GraphModel(),
            droppedEvents: snapshot.droppedEvents, errors: snapshot.errors.map { "\($0)" })
    }

    static func transferName(_ direction: TransferRecord.Direction) -> String {
        switch direction {
        case .hostToDevice: "h2d"
        case .deviceToHost: "d2h"
        case .deviceToDevice: "d2d"
        }
    }

    /// Binary search: events on one stream finish in order.
    static func firstIndex<Event>(_ events: EventWindow<Event>, finishedAtLeast t: UInt64,
                                  _ finished: (Event) -> UInt64) -> Int {
        var lo = 0
        var hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if finished(events[mid]) < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func opRows(_ snapshot: ProfileSnapshot) -> [OpRow] {
        let total = Double(snapshot.ops.reduce(UInt64(0)) { $0 + $1.totalNs })
        return snapshot.ops.map { s in
            OpRow(name: s.name, device: Self.label(s.device), count: s.count, total: Double(s.totalNs) / 1e9,
                  mean: s.meanNs / 1e9, p50: Double(s.p50Ns) / 1e9, p95: Double(s.p95Ns) / 1e9,
                  p99: Double(s.p99Ns) / 1e9, share: total > 0 ? Double(s.totalNs) / total : 0,
                  recent: s.recentNs.map { Double($0) / 1e9 })
        }
    }

    func streamRows(_ snapshot: ProfileSnapshot) -> [StreamRow] {
        snapshot.occupancy.map { o in
            let waited = snapshot.waits.filter { $0.stream.index == o.stream.index }.reduce(UInt64(0)) { $0 + $1.totalNs }
            return StreamRow(name: o.stream.name, device: Self.label(o.stream.device),
                             occupancy: Array(o.history.suffix(historyLength)), busy: o.last1s,
                             waited: Double(waited) / 1e9)
        }
    }

    /// Memory samples resampled to `historyLength` buckets over the last 24 s (last value wins,
    /// carried forward through empty buckets).
    func memoryRows(_ snapshot: ProfileSnapshot) -> [MemoryRow] {
        let span: UInt64 = 24_000_000_000
        let buckets = historyLength
        let from = snapshot.now > span ? snapshot.now - span : 0
        return snapshot.memory.map { m in
            var active = [Double](repeating: .nan, count: buckets)
            var cached = [Double](repeating: .nan, count: buckets)
            var carryActive = 0.0
            var carryCached = 0.0
            for sample in m.samples {
                if sample.time < from {
                    carryActive = Double(sample.activeBytes)
                    carryCached = Double(sample.cachedBytes)
                    continue
                }
                let b = min(buckets - 1, Int((sample.time - from) * UInt64(buckets) / span))
                active[b] = Double(sample.activeBytes)
                cached[b] = Double(sample.cachedBytes)
            }
            // Only the stretch since the first sample is drawn.
            let first = m.samples.first.map { $0.time >= from ? Int(($0.time - from) * UInt64(buckets) / span) : 0 } ?? buckets
            for b in 0..<buckets {
                if active[b].isNaN { active[b] = carryActive } else { carryActive = active[b] }
                if cached[b].isNaN { cached[b] = carryCached } else { carryCached = cached[b] }
            }
            let keep = max(1, buckets - min(first, buckets - 1))
            return MemoryRow(device: Self.label(m.device), active: Array(active.suffix(keep)),
                             cached: Array(cached.suffix(keep)), peak: m.peakBytes,
                             limit: m.limitBytes > 0 ? m.limitBytes : nil,
                             hitRate: m.allocations > 0 ? m.hitRate : nil, allocationsPerSecond: m.allocationsPerSecond)
        }
    }

    func transferSummary(_ snapshot: ProfileSnapshot) -> TransferSummary {
        let count = snapshot.transfers.reduce(0) { $0 + $1.count }
        let bytes = snapshot.transfers.reduce(0) { $0 + $1.bytes }
        let elapsed = max(1e-9, Double(snapshot.now - snapshot.start) / 1e9)
        return TransferSummary(count: count, bytes: bytes, perSecond: Double(count) / elapsed,
                               bytesPerSecond: Double(bytes) / elapsed)
    }

    /// The last evaluated graph; when it is tiny (one eval per op, as a step loop does), the
    /// recent ops across streams instead, so runs like `exp ×500` and their producers show.
    func graph(_ snapshot: ProfileSnapshot) -> GraphModel {
        // The newest ops of each stream; more than the graph needs, the overall newest kept.
        var recent: [OpRecord] = []
        for window in snapshot.streams {
            let ops = window.ops
            for i in max(0, ops.count - recentGraphOps)..<ops.count { recent.append(ops[i]) }
        }
        var columns: [GraphModel.Column] = []
        var columnOf: [Int: Int] = [:]
        for window in snapshot.streams {
            columnOf[window.stream.index] = columns.count
            columns.append(GraphModel.Column(stream: window.stream.name, device: Self.label(window.stream.device)))
        }
        if let last = snapshot.lastGraph, last.nodes.count >= 8 {
            var shapes: [Int: [Int]] = [:]
            for r in recent { shapes[r.nodeID] = r.shape }
            let nodes = last.nodes.compactMap { n -> GraphModel.Node? in
                guard let column = columnOf[n.streamIndex] else { return nil }
                return GraphModel.Node(id: n.id, name: n.name, column: column, shape: shapes[n.id] ?? [], inputs: n.inputIDs)
            }
            return GraphModel(columns: columns, nodes: nodes, caption: "last graph")
        }
        recent.sort { ($0.dispatched, $0.nodeID) < ($1.dispatched, $1.nodeID) }
        let nodes = recent.suffix(recentGraphOps).compactMap { r -> GraphModel.Node? in
            guard let column = columnOf[r.streamIndex] else { return nil }
            return GraphModel.Node(id: r.nodeID, name: r.name, column: column, shape: r.shape, inputs: r.inputIDs)
        }
        return GraphModel(columns: columns, nodes: nodes, caption: "recent ops")
    }
}

import DequeModule
import Engine

/// Drains a buffer into the windows and aggregates. Not thread-safe: the profiler's lock guards it.
struct Collector {
    private struct OpKey: Hashable { let name: String; let device: Device }
    private struct WaitKey: Hashable { let stream: Int; let waitedFor: Int }
    private struct TransferKey: Hashable { let direction: TransferRecord.Direction; let device: Device }

    let configuration: ProfilerConfiguration
    let start: UInt64
    private var streams: [Int: StreamState] = [:]
    private var ops: [OpKey: OpAggregate] = [:]
    private var memory: [Device: MemoryAggregate] = [:]
    private var waits: [WaitKey: PairTotals] = [:]
    /// Names of waited-for streams as the wait records give them, for streams that never ran an op.
    private var waitedForNames: [Int: (name: String, device: Device)] = [:]
    private var transfers: [TransferKey: PairTotals] = [:]
    private var lastGraph: GraphRecord?
    private var errors = Deque<ProfileError>()
    private var recorded = 0
    private var log: ProfileSession?
    private var scratch: [EngineEvent] = []
    /// This drain's window events per stream, merged into the windows at its end.
    private var pending: [Int: (ops: [OpRecord], waits: [WaitRecord], transfers: [TransferRecord])] = [:]

    var recordedCount: Int { recorded }

    /// Ten seconds: the longest occupancy window.
    static let occupancySpan: UInt64 = 10_000_000_000

    init(configuration: ProfilerConfiguration, start: UInt64) {
        self.configuration = configuration
        self.start = start
        if configuration.keepSession { log = ProfileSession(events: [], start: start) }
    }

    mutating func ingest(_ buffer: EventBuffer, now: UInt64) {
        scratch.removeAll(keepingCapacity: true)
        buffer.drain(into: &scratch)
        ingest(scratch, now: now)
    }

    /// Adds events (in any order; they are sorted by time first).
    mutating func ingest(_ events: [EngineEvent], now: UInt64) {
        guard !events.isEmpty else { return }
        let sorted = events.sorted { $0.time < $1.time }
        for event in sorted { add(event) }
        // Window batches are sorted (by end time): merge them in.
        for (index, batch) in pending {
            if !batch.ops.isEmpty { streams[index]!.ops.merge(batch.ops) { $0.finished } }
            if !batch.waits.isEmpty { streams[index]!.waits.merge(batch.waits) { $0.finished } }
            if !batch.transfers.isEmpty { streams[index]!.transfers.merge(batch.transfers) { $0.finished } }
        }
        pending.removeAll(keepingCapacity: true)
        recorded += events.count
        let horizon = now > Self.occupancySpan + 200_000_000 ? now - Self.occupancySpan - 200_000_000 : 0
        for key in Array(streams.keys) {  // a copy: iterating the live keys while mutating would copy every value
            streams[key]!.busy.evict(before: horizon)
            streams[key]!.ops.trim(toAbout: configuration.windowPerStream)
            streams[key]!.waits.trim(toAbout: configuration.windowPerStream)
            streams[key]!.transfers.trim(toAbout: configuration.windowPerStream)
        }
        let second = now > 1_000_000_000 ? now - 1_000_000_000 : 0
        for key in Array(memory.keys) { memory[key]!.evict(before: second) }
    }

    private mutating func stream(_ index: Int, name: String?, device: Device) -> StreamInfo {
        if let existing = streams[index] {
            if let name, existing.info.name != name, existing.info.name.hasPrefix("stream ") {
                streams[index]!.info = StreamInfo(index: index, name: name, device: device)
            }
            return streams[index]!.info
        }
        let info = StreamInfo(index: index, name: name ?? "stream \(index)", device: device)
        streams[index] = StreamState(info: info, intervalLimit: max(1 << 12, configuration.windowPerStream * 2))
        return info
    }

    private mutating func add(_ event: EngineEvent) {
        switch event {
        case .op(let r):
            let info = stream(r.streamIndex, name: r.streamName, device: r.device)
            pending[r.streamIndex, default: ([], [], [])].ops.append(r)
            streams[r.streamIndex]!.busy.add(start: r.started, end: r.finished)
            let key = OpKey(name: r.name, device: r.device)
            ops[key, default: OpAggregate(name: r.name, device: r.device, recentLimit: configuration.recentLatencies)].add(r)
            if let message = r.error {
                errors.append(ProfileError(time: r.finished, op: r.name, nodeID: r.nodeID, stream: info, message: message))
                if errors.count > max(1, configuration.errorLimit) { errors.removeFirst() }
            }
            log?.ops.append(r)
        case .wait(let r):
            _ = stream(r.streamIndex, name: nil, device: r.device)
            pending[r.streamIndex, default: ([], [], [])].waits.append(r)
            waits[WaitKey(stream: r.streamIndex, waitedFor: r.waitedForStreamIndex), default: PairTotals()].add(r.duration)
            waitedForNames[r.waitedForStreamIndex] = (Self.streamName(fromWorker: r.waitedForStream), r.device)
            log?.waits.append(r)
        case .transfer(let r):
            _ = stream(r.streamIndex, name: r.streamName, device: r.device)
            pending[r.streamIndex, default: ([], [], [])].transfers.append(r)
            transfers[TransferKey(direction: r.direction, device: r.device), default: PairTotals()].add(r.duration, bytes: r.bytes)
            log?.transfers.append(r)
        case .memory(let r):
            memory[r.device, default: MemoryAggregate(device: r.device, sampleLimit: configuration.memorySamples)].add(r)
            log?.memory.append(r)
        case .graph(let r):
            if r.time >= lastGraph?.time ?? 0 { lastGraph = r }
            log?.graphs.append(r)
        }
    }

    /// Wait records name the producer's worker thread ("streamtop <stream name>").
    static func streamName(fromWorker name: String) -> String {
        name.hasPrefix("streamtop ") ? String(name.dropFirst("streamtop ".count)) : name
    }

    private func info(_ index: Int, fallbackDevice: Device) -> StreamInfo {
        if let known = streams[index] { return known.info }
        if let named = waitedForNames[index] { return StreamInfo(index: index, name: named.name, device: named.device) }
        return StreamInfo(index: index, name: "stream \(index)", device: fallbackDevice)
    }

    /// Everything known at `now`. `exact` recomputes every changed percentile; otherwise they may
    /// be up to `configuration.percentileRefreshMs` old (a live view's 20 frames a second).
    mutating func snapshot(now: UInt64, dropped: Int, exact: Bool = false) -> ProfileSnapshot {
        let ordered = streams.values.map(\.info).sorted(by: StreamInfo.displayOrder)
        let windows = ordered.map { streams[$0.index]!.window }
        var windowStart = now
        for w in windows {
            if let first = w.ops.first { windowStart = min(windowStart, first.started) }
            if let first = w.waits.first { windowStart = min(windowStart, first.started) }
            if let first = w.transfers.first { windowStart = min(windowStart, first.started) }
        }
        var opStats: [OpStats] = []
        opStats.reserveCapacity(ops.count)
        let maxAgeNs = exact ? 0 : UInt64(max(0, configuration.percentileRefreshMs)) * 1_000_000
        for key in Array(ops.keys) { opStats.append(ops[key]!.stats(now: now, maxAgeNs: maxAgeNs)) }
        opStats.sort { ($0.totalNs, $1.name, $1.device.label) > ($1.totalNs, $0.name, $0.device.label) }
        let occupancy = ordered.map { occupancyOf(streams[$0.index]!, now: now) }
        let memorySeries = memory.values
            .map { $0.series(now: now, limitFallback: $0.device == .cpu ? Memory.statistics(.cpu).memoryLimit : 0) }
            .sorted { ($0.device.kind == .cpu ? 0 : 1, $0.device.index) < ($1.device.kind == .cpu ? 0 : 1, $1.device.index) }
        let waitStats = waits.map { key, totals in
            let waiter = info(key.stream, fallbackDevice: .cpu)
            return WaitStats(
                stream: waiter, waitedFor: info(key.waitedFor, fallbackDevice: waiter.device), count: totals.count,
                totalNs: totals.total, maxNs: totals.maximum)
        }.sorted { ($0.totalNs, $1.stream.index, $1.waitedFor.index) > ($1.totalNs, $0.stream.index, $0.waitedFor.index) }
        let transferStats = transfers.map { key, totals in
            TransferStats(
                direction: key.direction.rawValue, device: key.device, count: totals.count, bytes: totals.bytes,
                totalNs: totals.total, gbPerSecond: totals.total > 0 ? Double(totals.bytes) / Double(totals.total) : 0)
        }.sorted { ($0.device.label, $0.direction) < ($1.device.label, $1.direction) }
        return ProfileSnapshot(
            now: now, start: start, windowStart: windowStart, streams: windows, ops: opStats, occupancy: occupancy,
            memory: memorySeries, waits: waitStats, transfers: transferStats, lastGraph: lastGraph.map(GraphView.init),
            errors: errors.array, droppedEvents: dropped, recordedEvents: recorded)
    }

    /// 100 ms history buckets kept in a snapshot: ten seconds.
    static let historyBuckets = 100
    static let bucketNs: UInt64 = 100_000_000

    private func occupancyOf(_ state: StreamState, now: UInt64) -> StreamOccupancy {
        let busy = state.busy
        func last(_ span: UInt64) -> Double { busy.fraction(from: now > span ? now - span : 0, to: now) }
        var history: [Double] = []
        history.reserveCapacity(Self.historyBuckets)
        // Buckets aligned to the clock, the last one holding `now` (measured up to now).
        let currentStart = now / Self.bucketNs * Self.bucketNs
        for k in stride(from: Self.historyBuckets - 1, through: 0, by: -1) {
            let offset = UInt64(k) * Self.bucketNs
            guard currentStart >= offset else { history.append(0); continue }
            let from = currentStart - offset
            history.append(busy.fraction(from: from, to: min(now, from + Self.bucketNs)))
        }
        let origin = min(start, busy.firstStart ?? start)
        return StreamOccupancy(
            stream: state.info, last100ms: last(100_000_000), last1s: last(1_000_000_000), last10s: last(Self.occupancySpan),
            overall: now > origin ? min(1, Double(busy.total) / Double(now - origin)) : 0, busyNs: busy.total, history: history)
    }

    func session(now: UInt64, dropped: Int) -> ProfileSession? {
        guard var log else { return nil }
        log.end = max(log.end, now)
        log.droppedEvents = dropped
        return log
    }
}

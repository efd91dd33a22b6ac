import Engine

/// A set of recorded events — a whole run, a snapshot's window, or a hand-built stream — that a
/// trace is written from.
public struct ProfileSession: Sendable {
    public var ops: [OpRecord]
    public var waits: [WaitRecord]
    public var transfers: [TransferRecord]
    public var memory: [MemoryRecord]
    public var graphs: [GraphRecord]
    /// When recording started (trace timestamps count from here).
    public var start: UInt64
    public var end: UInt64
    public var droppedEvents: Int

    public init(events: [EngineEvent], start: UInt64? = nil, droppedEvents: Int = 0) {
        var ops: [OpRecord] = []
        var waits: [WaitRecord] = []
        var transfers: [TransferRecord] = []
        var memory: [MemoryRecord] = []
        var graphs: [GraphRecord] = []
        var first = UInt64.max
        var last: UInt64 = 0
        for event in events {
            switch event {
            case .op(let r): ops.append(r); first = min(first, r.dispatched, r.started)
            case .wait(let r): waits.append(r); first = min(first, r.started)
            case .transfer(let r): transfers.append(r); first = min(first, r.started)
            case .memory(let r): memory.append(r); first = min(first, r.time)
            case .graph(let r): graphs.append(r); first = min(first, r.time)
            }
            last = max(last, event.time)
        }
        self.ops = ops
        self.waits = waits
        self.transfers = transfers
        self.memory = memory
        self.graphs = graphs
        self.start = start ?? (first == .max ? 0 : first)
        self.end = max(last, self.start)
        self.droppedEvents = droppedEvents
    }

    /// Every stream that appears, ordered by device then index.
    public var streams: [StreamInfo] {
        var seen: [Int: StreamInfo] = [:]
        for r in ops { seen[r.streamIndex] = seen[r.streamIndex] ?? StreamInfo(index: r.streamIndex, name: r.streamName, device: r.device) }
        for r in transfers { seen[r.streamIndex] = seen[r.streamIndex] ?? StreamInfo(index: r.streamIndex, name: r.streamName, device: r.device) }
        for r in waits {
            seen[r.streamIndex] = seen[r.streamIndex] ?? StreamInfo(index: r.streamIndex, name: "stream \(r.streamIndex)", device: r.device)
        }
        return seen.values.sorted(by: StreamInfo.displayOrder)
    }
}

extension StreamInfo {
    /// CPU before GPUs, then by device index, then by stream index.
    static func displayOrder(_ a: StreamInfo, _ b: StreamInfo) -> Bool {
        (a.device.kind == .cpu ? 0 : 1, a.device.index, a.index) < (b.device.kind == .cpu ? 0 : 1, b.device.index, b.index)
    }
}

import Engine

/// Everything the profiler knows at one instant, as an immutable value the dashboard can draw from
/// on any thread. Cheap to take (the event window is shared, not copied).
public struct ProfileSnapshot: Sendable {
    /// When it was taken (`EngineClock.now()`).
    public let now: UInt64
    /// When the profiler started.
    public let start: UInt64
    /// The oldest event still in the window (`now` when the window is empty).
    public let windowStart: UInt64
    /// Per stream, ordered by device then stream index.
    public let streams: [StreamWindow]
    /// Per op × device, by total time, largest first.
    public let ops: [OpStats]
    /// Same order as `streams`.
    public let occupancy: [StreamOccupancy]
    /// Per device, CPU first.
    public let memory: [MemorySeries]
    /// Per (waiting stream, producer stream), by total wait, largest first.
    public let waits: [WaitStats]
    /// Per (direction, device).
    public let transfers: [TransferStats]
    public let lastGraph: GraphView?
    /// The latest errors, oldest first (bounded).
    public let errors: [ProfileError]
    /// Events lost because a buffer was full; exact.
    public let droppedEvents: Int
    /// Events that reached the aggregates since the start.
    public let recordedEvents: Int

    public init(
        now: UInt64, start: UInt64, windowStart: UInt64, streams: [StreamWindow], ops: [OpStats],
        occupancy: [StreamOccupancy], memory: [MemorySeries], waits: [WaitStats], transfers: [TransferStats],
        lastGraph: GraphView?, errors: [ProfileError], droppedEvents: Int, recordedEvents: Int
    ) {
        self.now = now
        self.start = start
        self.windowStart = windowStart
        self.streams = streams
        self.ops = ops
        self.occupancy = occupancy
        self.memory = memory
        self.waits = waits
        self.transfers = transfers
        self.lastGraph = lastGraph
        self.errors = errors
        self.droppedEvents = droppedEvents
        self.recordedEvents = recordedEvents
    }

    /// Number of op, wait and transfer events in the window.
    public var windowEventCount: Int { streams.reduce(0) { $0 + $1.ops.count + $1.waits.count + $1.transfers.count } }
}

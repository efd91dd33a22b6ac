/// What the panels draw, in the dashboard's own terms: small immutable values built once per
/// frame from the profiler's snapshot (see `SnapshotAdapter`), or by hand in tests.
///
/// Times are seconds on one clock shared by every item of a `DashboardView`.
public struct DashboardView: Sendable {
    public var timeline: TimelineModel
    public var ops: [OpRow]
    public var streams: [StreamRow]
    public var memory: [MemoryRow]
    public var transfers: TransferSummary
    public var graph: GraphModel
    /// Events the recorder had to drop (its window overflowed).
    public var droppedEvents: Int
    /// Engine errors seen in the window, newest last.
    public var errors: [String]

    public init(
        timeline: TimelineModel = TimelineModel(), ops: [OpRow] = [], streams: [StreamRow] = [],
        memory: [MemoryRow] = [], transfers: TransferSummary = TransferSummary(), graph: GraphModel = GraphModel(),
        droppedEvents: Int = 0, errors: [String] = []
    ) {
        self.timeline = timeline
        self.ops = ops
        self.streams = streams
        self.memory = memory
        self.transfers = transfers
        self.graph = graph
        self.droppedEvents = droppedEvents
        self.errors = errors
    }
}

/// Which kind of device a lane, op or memory row belongs to; decides its palette.
public enum DeviceKind: String, Hashable, Sendable, Comparable {
    case cpu, gpu

    public static func < (a: DeviceKind, b: DeviceKind) -> Bool { a == .cpu && b == .gpu }
}

/// A device as the dashboard names it ("cpu", "gpu0").
public struct DeviceLabel: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var kind: DeviceKind
    public var index: Int

    public init(_ kind: DeviceKind, _ index: Int = 0) {
        self.kind = kind
        self.index = index
    }

    public static let cpu = DeviceLabel(.cpu)
    public static func gpu(_ index: Int = 0) -> DeviceLabel { DeviceLabel(.gpu, index) }

    public var description: String { kind == .cpu ? "cpu" : "gpu\(index)" }

    public static func < (a: DeviceLabel, b: DeviceLabel) -> Bool { (a.kind, a.index) < (b.kind, b.index) }
}

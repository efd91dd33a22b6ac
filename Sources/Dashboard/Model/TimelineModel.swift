/// The timeline's content: one lane per stream, with what ran, waited and moved on it.
public struct TimelineModel: Sendable {
    public var lanes: [Lane]
    public var spans: [Span]
    public var waits: [Wait]
    /// Cross-stream dependencies: a producer's end on one lane to a consumer's start on another.
    public var dependencies: [Dependency]
    /// The newest time seen: the right edge when following live.
    public var now: Double

    public init(lanes: [Lane] = [], spans: [Span] = [], waits: [Wait] = [], dependencies: [Dependency] = [],
                now: Double = 0) {
        self.lanes = lanes
        self.spans = spans
        self.waits = waits
        self.dependencies = dependencies
        self.now = now
    }

    /// A stream's row.
    public struct Lane: Hashable, Sendable {
        public var name: String
        public var device: DeviceLabel
        /// The engine's stream index (what spans and waits refer to through `lane`).
        public var streamIndex: Int

        public init(name: String, device: DeviceLabel, streamIndex: Int) {
            self.name = name
            self.device = device
            self.streamIndex = streamIndex
        }
    }

    public enum SpanKind: Hashable, Sendable { case op, transfer }

    /// An op (or a copy) that ran on a lane over [start, end).
    public struct Span: Hashable, Sendable {
        public var lane: Int
        public var start: Double
        public var end: Double
        public var name: String
        public var kind: SpanKind
        public var nodeID: Int
        public var shape: [Int]
        public var dtype: String
        public var inputs: [Int]
        /// Ops this span stands for: more than one when a source merged a burst (the fields
        /// other than the times then describe the first).
        public var count: Int

        public init(lane: Int, start: Double, end: Double, name: String, kind: SpanKind = .op, nodeID: Int = 0,
                    shape: [Int] = [], dtype: String = "", inputs: [Int] = [], count: Int = 1) {
            self.lane = lane
            self.start = start
            self.end = end
            self.name = name
            self.kind = kind
            self.nodeID = nodeID
            self.shape = shape
            self.dtype = dtype
            self.inputs = inputs
            self.count = count
        }

        public var duration: Double { end - start }
    }

    /// A lane blocked on another lane's producer over [start, end).
    public struct Wait: Hashable, Sendable {
        public var lane: Int
        public var onLane: Int
        public var start: Double
        public var end: Double
        public var consumerNodeID: Int

        public init(lane: Int, onLane: Int, start: Double, end: Double, consumerNodeID: Int = 0) {
            self.lane = lane
            self.onLane = onLane
            self.start = start
            self.end = end
            self.consumerNodeID = consumerNodeID
        }
    }

    public struct Dependency: Hashable, Sendable {
        public var fromLane: Int
        public var fromTime: Double
        public var toLane: Int
        public var toTime: Double

        public init(fromLane: Int, fromTime: Double, toLane: Int, toTime: Double) {
            self.fromLane = fromLane
            self.fromTime = fromTime
            self.toLane = toLane
            self.toTime = toTime
        }
    }

    /// The span on `lane` covering time `t`, or else the one nearest to it within `tolerance`.
    public func span(lane: Int, at t: Double, tolerance: Double = 0) -> Span? {
        let onLane = spans.filter { $0.lane == lane }
        if let hit = onLane.last(where: { $0.start <= t && t < $0.end }) { return hit }
        let near = onLane.map { (span: $0, distance: max($0.start - t, t - $0.end, 0)) }
            .filter { $0.distance <= tolerance }
            .min { $0.distance < $1.distance }
        return near?.span
    }

    /// The wait on `lane` that ended when `nodeID` could start, if any.
    public func wait(before nodeID: Int, lane: Int) -> Wait? {
        waits.last { $0.lane == lane && $0.consumerNodeID == nodeID }
    }
}

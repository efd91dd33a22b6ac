import Engine

/// The end-of-run report `streamtop run` prints: ops by total time with percentiles per device
/// (like PyTorch's `key_averages().table()`), stream occupancy, memory, waits and transfers.
/// `Codable` for `--json`; `table()` for text. Times are in microseconds unless the name says ms.
public struct ProfileSummary: Sendable, Codable, Equatable {
    public struct OpRow: Sendable, Codable, Equatable {
        public let name: String
        public let device: String
        public let count: Int
        public let errors: Int
        public let totalMs: Double
        /// Share of all op time on all devices, 0…100.
        public let percent: Double
        public let meanUs: Double
        public let minUs: Double
        public let p50Us: Double
        public let p95Us: Double
        public let p99Us: Double
        public let maxUs: Double
    }

    public struct StreamRow: Sendable, Codable, Equatable {
        public let stream: String
        public let index: Int
        public let device: String
        public let ops: Int
        public let busyMs: Double
        /// Busy share of the profile's wall time, 0…100.
        public let busyPercent: Double
        /// Busy share over the last second, 0…100.
        public let lastSecondPercent: Double
    }

    public struct MemoryRow: Sendable, Codable, Equatable {
        public let device: String
        public let peakBytes: Int
        public let activeBytes: Int
        public let cachedBytes: Int
        /// 0 when unknown.
        public let limitBytes: Int
        public let allocations: Int
        public let cacheHits: Int
        /// 0…100.
        public let hitRatePercent: Double
    }

    public struct WaitRow: Sendable, Codable, Equatable {
        public let stream: String
        public let waitedFor: String
        public let count: Int
        public let totalMs: Double
        public let maxMs: Double
    }

    public struct TransferRow: Sendable, Codable, Equatable {
        public let direction: String
        public let device: String
        public let count: Int
        public let bytes: Int
        public let gbPerSecond: Double
    }

    /// Wall time from the profiler's start to the snapshot, in seconds.
    public let durationSeconds: Double
    public let ops: [OpRow]
    public let streams: [StreamRow]
    public let memory: [MemoryRow]
    public let waits: [WaitRow]
    public let transfers: [TransferRow]
    public let errors: [String]
    public let droppedEvents: Int

    public init(
        durationSeconds: Double, ops: [OpRow], streams: [StreamRow], memory: [MemoryRow], waits: [WaitRow],
        transfers: [TransferRow], errors: [String], droppedEvents: Int
    ) {
        self.durationSeconds = durationSeconds
        self.ops = ops
        self.streams = streams
        self.memory = memory
        self.waits = waits
        self.transfers = transfers
        self.errors = errors
        self.droppedEvents = droppedEvents
    }
}

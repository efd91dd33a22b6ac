import Glibc

/// What the engine reports to a recorder. Times are monotonic nanoseconds (`EngineClock.now()`).
public enum EngineEvent: Sendable {
    case op(OpRecord)
    case wait(WaitRecord)
    case memory(MemoryRecord)
    case graph(GraphRecord)
    case transfer(TransferRecord)
}

/// One op's life: dispatched (handed to its stream), started, finished.
public struct OpRecord: Sendable {
    public let nodeID: Int
    public let name: String
    public let inputIDs: [Int]
    public let streamIndex: Int
    public let streamName: String
    public let device: Device
    public let shape: [Int]
    public let dtype: DType
    /// Bytes read and written.
    public let bytes: Int
    public let flops: Int
    public let dispatched: UInt64
    public let started: UInt64
    public let finished: UInt64
    /// Ran on the caller's thread because its stream was idle and the op tiny.
    public let inline: Bool
    public let error: String?
}

/// A stream blocked until another stream's producer finished.
public struct WaitRecord: Sendable {
    public let streamIndex: Int
    public let device: Device
    public let waitedForStreamIndex: Int
    public let waitedForStream: String
    public let producerNodeID: Int
    public let consumerNodeID: Int
    public let started: UInt64
    public let finished: UInt64
}

/// A pool allocation or free, with the pool's figures after it.
public struct MemoryRecord: Sendable {
    public enum Kind: String, Sendable { case allocate, free }
    public let kind: Kind
    public let device: Device
    public let bytes: Int
    public let cacheHit: Bool
    public let activeBytes: Int
    public let cachedBytes: Int
    public let peakBytes: Int
    public let time: UInt64
}

/// The nodes one `eval` scheduled, in dispatch order, with their streams — the dependency view.
public struct GraphRecord: Sendable {
    public struct Node: Sendable {
        public let id: Int
        public let name: String
        public let inputIDs: [Int]
        public let streamIndex: Int
        public let streamName: String
        public let device: Device
    }
    public let nodes: [Node]
    public let time: UInt64
}

/// Bytes moved between host and device memory (or between devices) for a node's input or a read.
public struct TransferRecord: Sendable {
    public enum Direction: String, Sendable { case hostToDevice, deviceToHost, deviceToDevice }
    /// The node whose input was moved (or the node read back, for `deviceToHost`).
    public let nodeID: Int
    public let direction: Direction
    public let bytes: Int
    /// The stream the copy was enqueued on (the consumer's), and its device.
    public let streamIndex: Int
    public let streamName: String
    public let device: Device
    public let started: UInt64
    public let finished: UInt64
}

/// Receives engine events. Called from stream threads: implementations must be thread-safe and
/// cheap (buffer, don't process).
public protocol EngineRecorder: AnyObject, Sendable {
    func record(_ event: EngineEvent)
}

/// Installs the recorder the engine reports to (nil: nothing is recorded, and nothing is built).
public enum Recording {
    private static let lock = Lock()
    nonisolated(unsafe) private static var installed: (any EngineRecorder)?

    public static var recorder: (any EngineRecorder)? {
        get { lock.withLock { installed } }
        set { lock.withLock { installed = newValue } }
    }
}

/// The engine's clock: monotonic nanoseconds.
public enum EngineClock {
    @inline(__always)
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

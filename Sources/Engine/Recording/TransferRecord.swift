/// Bytes moved between host and device memory (or between devices) for a node's input or a read.
public struct TransferRecord: Sendable {
    public enum Direction: String, Sendable, CaseIterable { case hostToDevice, deviceToHost, deviceToDevice }
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

    public init(
        nodeID: Int, direction: Direction, bytes: Int, streamIndex: Int, streamName: String, device: Device,
        started: UInt64, finished: UInt64
    ) {
        self.nodeID = nodeID
        self.direction = direction
        self.bytes = bytes
        self.streamIndex = streamIndex
        self.streamName = streamName
        self.device = device
        self.started = started
        self.finished = finished
    }

    public var duration: UInt64 { finished >= started ? finished - started : 0 }
}

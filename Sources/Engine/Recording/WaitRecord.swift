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

    public init(
        streamIndex: Int, device: Device, waitedForStreamIndex: Int, waitedForStream: String, producerNodeID: Int,
        consumerNodeID: Int, started: UInt64, finished: UInt64
    ) {
        self.streamIndex = streamIndex
        self.device = device
        self.waitedForStreamIndex = waitedForStreamIndex
        self.waitedForStream = waitedForStream
        self.producerNodeID = producerNodeID
        self.consumerNodeID = consumerNodeID
        self.started = started
        self.finished = finished
    }

    public var duration: UInt64 { finished >= started ? finished - started : 0 }
}

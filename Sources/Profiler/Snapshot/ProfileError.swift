import Engine

/// An op that failed, as the engine reported it.
public struct ProfileError: Sendable, Equatable {
    public let time: UInt64
    public let op: String
    public let nodeID: Int
    public let stream: StreamInfo
    public let message: String

    public init(time: UInt64, op: String, nodeID: Int, stream: StreamInfo, message: String) {
        self.time = time
        self.op = op
        self.nodeID = nodeID
        self.stream = stream
        self.message = message
    }
}

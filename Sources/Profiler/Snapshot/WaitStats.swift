/// How long one stream waited for another's producers, summed over every wait.
public struct WaitStats: Sendable, Equatable {
    /// The stream that waited (the consumer's).
    public let stream: StreamInfo
    /// The stream it waited for (the producer's).
    public let waitedFor: StreamInfo
    public let count: Int
    public let totalNs: UInt64
    public let maxNs: UInt64

    public init(stream: StreamInfo, waitedFor: StreamInfo, count: Int, totalNs: UInt64, maxNs: UInt64) {
        self.stream = stream
        self.waitedFor = waitedFor
        self.count = count
        self.totalNs = totalNs
        self.maxNs = maxNs
    }
}

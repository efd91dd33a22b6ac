import Engine

/// Copies in one direction on one device: count, bytes and the rate while copying.
public struct TransferStats: Sendable, Equatable {
    public let direction: String
    public let device: Device
    public let count: Int
    public let bytes: Int
    public let totalNs: UInt64
    /// bytes / time spent copying, in 10⁹ bytes per second (0 when no time was measured).
    public let gbPerSecond: Double

    public init(direction: String, device: Device, count: Int, bytes: Int, totalNs: UInt64, gbPerSecond: Double) {
        self.direction = direction
        self.device = device
        self.count = count
        self.bytes = bytes
        self.totalNs = totalNs
        self.gbPerSecond = gbPerSecond
    }
}

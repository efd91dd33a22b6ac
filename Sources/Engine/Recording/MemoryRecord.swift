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
    /// The pool's memory limit; 0 when the reporter does not say (a profiler then asks the pool).
    public let limitBytes: Int

    public init(
        kind: Kind, device: Device, bytes: Int, cacheHit: Bool, activeBytes: Int, cachedBytes: Int, peakBytes: Int,
        time: UInt64, limitBytes: Int = 0
    ) {
        self.kind = kind
        self.device = device
        self.bytes = bytes
        self.cacheHit = cacheHit
        self.activeBytes = activeBytes
        self.cachedBytes = cachedBytes
        self.peakBytes = peakBytes
        self.time = time
        self.limitBytes = limitBytes
    }
}

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
    /// For a fused node (`compile`), the ops it stands for in the order they ran; empty otherwise.
    public let fusedOps: [String]

    public init(
        nodeID: Int, name: String, inputIDs: [Int], streamIndex: Int, streamName: String, device: Device,
        shape: [Int], dtype: DType, bytes: Int, flops: Int, dispatched: UInt64, started: UInt64, finished: UInt64,
        inline: Bool = false, error: String? = nil, fusedOps: [String] = []
    ) {
        self.nodeID = nodeID
        self.name = name
        self.inputIDs = inputIDs
        self.streamIndex = streamIndex
        self.streamName = streamName
        self.device = device
        self.shape = shape
        self.dtype = dtype
        self.bytes = bytes
        self.flops = flops
        self.dispatched = dispatched
        self.started = started
        self.finished = finished
        self.inline = inline
        self.error = error
        self.fusedOps = fusedOps
    }

    /// Run time in nanoseconds (0 if the clock readings are out of order).
    public var duration: UInt64 { finished >= started ? finished - started : 0 }
}

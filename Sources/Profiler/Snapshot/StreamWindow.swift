import Engine

/// One stream's recent activity: op spans, waits and transfers, each oldest first (newest last).
public struct StreamWindow: Sendable {
    public let stream: StreamInfo
    public let ops: EventWindow<OpRecord>
    public let waits: EventWindow<WaitRecord>
    public let transfers: EventWindow<TransferRecord>

    public init(
        stream: StreamInfo, ops: EventWindow<OpRecord>, waits: EventWindow<WaitRecord>,
        transfers: EventWindow<TransferRecord>
    ) {
        self.stream = stream
        self.ops = ops
        self.waits = waits
        self.transfers = transfers
    }
}

/// What the engine reports to a recorder. Times are monotonic nanoseconds (`EngineClock.now()`).
public enum EngineEvent: Sendable {
    case op(OpRecord)
    case wait(WaitRecord)
    case memory(MemoryRecord)
    case graph(GraphRecord)
    case transfer(TransferRecord)

    /// When the event ended (or happened): what windows and traces order by.
    public var time: UInt64 {
        switch self {
        case .op(let r): r.finished
        case .wait(let r): r.finished
        case .memory(let r): r.time
        case .graph(let r): r.time
        case .transfer(let r): r.finished
        }
    }
}

import Engine

/// What the collector keeps per stream: the event windows and the busy intervals.
struct StreamState {
    var info: StreamInfo
    var ops = EventWindow<OpRecord>()
    var waits = EventWindow<WaitRecord>()
    var transfers = EventWindow<TransferRecord>()
    var busy: BusyIntervals

    init(info: StreamInfo, intervalLimit: Int) {
        self.info = info
        busy = BusyIntervals(limit: intervalLimit)
    }

    var window: StreamWindow { StreamWindow(stream: info, ops: ops, waits: waits, transfers: transfers) }
}

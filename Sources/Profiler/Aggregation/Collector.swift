import Engine

/// Drains buffers into the windows and aggregates; not thread-safe (the profiler's lock guards it).
struct Collector {
    let configuration: ProfilerConfiguration
    let start: UInt64

    init(configuration: ProfilerConfiguration, start: UInt64) {
        self.configuration = configuration
        self.start = start
    }

    mutating func ingest(_ buffer: EventBuffer, now: UInt64) {
        _ = buffer.drain()
    }

    func snapshot(now: UInt64, dropped: Int) -> ProfileSnapshot {
        ProfileSnapshot(
            now: now, start: start, windowStart: now, streams: [], ops: [], occupancy: [], memory: [], waits: [],
            transfers: [], lastGraph: nil, errors: [], droppedEvents: dropped, recordedEvents: 0)
    }

    func session(now: UInt64, dropped: Int) -> ProfileSession? { nil }
}

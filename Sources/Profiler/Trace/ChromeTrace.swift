import Engine
import Foundation

/// Writes Chrome Trace Event JSON that Perfetto and chrome://tracing open: one process per device,
/// one thread per stream (tids unique across devices), `X` slices for ops and transfers, `s`/`f`
/// flows for cross-stream dependencies, `C` counters for memory. See notes/dashboards-and-traces.md §3.
///
/// ```swift
/// try ChromeTrace.write(profiler.session(), to: URL(fileURLWithPath: "t.json"))
/// ```
public enum ChromeTrace {
    /// The trace of a session (a whole run, or hand-built events) as JSON bytes.
    public static func data(_ session: ProfileSession, metadata: [String: String] = [:]) -> Data {
        TraceBuilder(session: session, metadata: metadata).json()
    }

    /// The trace of a snapshot's window (its memory counters from the snapshot's samples).
    public static func data(_ snapshot: ProfileSnapshot, metadata: [String: String] = [:]) -> Data {
        Data(builder(snapshot, metadata).bytes())
    }

    /// Writes the trace to a temporary file in the same folder and renames it over `url`, so a crash
    /// never leaves half a file. Throws `TraceWriteError` naming the path and the reason.
    public static func write(_ session: ProfileSession, to url: URL, metadata: [String: String] = [:]) throws {
        try AtomicFile.write(TraceBuilder(session: session, metadata: metadata).bytes(), to: url)
    }

    public static func write(_ snapshot: ProfileSnapshot, to url: URL, metadata: [String: String] = [:]) throws {
        try AtomicFile.write(builder(snapshot, metadata).bytes(), to: url)
    }

    private static func builder(_ snapshot: ProfileSnapshot, _ metadata: [String: String]) -> TraceBuilder {
        var memory: [Device: [MemorySeries.Sample]] = [:]
        for series in snapshot.memory { memory[series.device] = series.samples.filter { $0.time >= snapshot.windowStart } }
        return TraceBuilder(session: ProfileSession(snapshot), metadata: metadata, memory: memory)
    }
}

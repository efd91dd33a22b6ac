import Engine
import Foundation

/// Listens to the engine and keeps what the dashboard and `streamtop run` show.
///
/// Recording is a per-thread ring push (no lock); a collector drains the rings into the aggregates
/// on a background thread every `collectIntervalMs`, and on every `snapshot()`.
///
/// ```swift
/// let profiler = Profiler()
/// profiler.start()                 // adds itself beside other recorders
/// try runWorkload()
/// let snap = profiler.snapshot()   // immutable, Sendable; 30×/s is fine
/// print(profiler.summary().table())
/// profiler.stop()
/// ```
public final class Profiler: EngineRecorder, @unchecked Sendable {
    public let configuration: ProfilerConfiguration
    let buffer: EventBuffer
    /// Guards `collector`, `token` and `ticker`.
    private let lock = PThreadLock()
    private var collector: Collector
    private var token: (RecorderToken, RecorderRegistry)?
    private var ticker: Ticker?

    public init(_ configuration: ProfilerConfiguration = ProfilerConfiguration()) {
        self.configuration = configuration
        buffer = EventBuffer(capacity: configuration.perThreadCapacity)
        collector = Collector(configuration: configuration, start: EngineClock.now())
    }

    deinit { ticker?.stop() }

    /// Starts listening (beside any other recorder) and collecting in the background. Idempotent.
    /// `registry`: the engine's unless a test brings its own.
    public func start(in registry: RecorderRegistry = Recording.registry) {
        lock.withLock {
            guard token == nil else { return }
            token = (registry.add(self), registry)
            if let ms = configuration.collectIntervalMs, ms > 0 {
                ticker = Ticker(intervalMs: ms) { [weak self] in self?.collect() }
            }
        }
    }

    /// Stops listening and collects what was recorded. The aggregates stay readable.
    public func stop() {
        let (token, ticker) = lock.withLock {
            defer { self.token = nil; self.ticker = nil }
            return (self.token, self.ticker)
        }
        if let (token, registry) = token { registry.remove(token) }
        ticker?.stop()
        collect()
    }

    public var isRunning: Bool { lock.withLock { token != nil } }

    public func record(_ event: EngineEvent) { buffer.record(event) }

    /// Drains the recording buffers into the aggregates now.
    public func collect() {
        lock.withLock { collector.ingest(buffer, now: EngineClock.now()) }
    }

    /// Collects, then returns everything known now.
    public func snapshot() -> ProfileSnapshot {
        lock.withLock {
            let now = EngineClock.now()
            collector.ingest(buffer, now: now)
            return collector.snapshot(now: now, dropped: buffer.droppedCount)
        }
    }

    /// The summary of a fresh snapshot, with exact percentiles.
    public func summary() -> ProfileSummary {
        lock.withLock {
            let now = EngineClock.now()
            collector.ingest(buffer, now: now)
            return ProfileSummary(collector.snapshot(now: now, dropped: buffer.droppedCount, exact: true))
        }
    }

    /// Every event since the start when `keepSession` is set; otherwise the snapshot window.
    public func session() -> ProfileSession {
        lock.withLock {
            let now = EngineClock.now()
            collector.ingest(buffer, now: now)
            return collector.session(now: now, dropped: buffer.droppedCount)
                ?? ProfileSession(collector.snapshot(now: now, dropped: buffer.droppedCount, exact: true))
        }
    }

    /// Events that reached the aggregates (for tests: no collection).
    func lockedRecordedCount() -> Int { lock.withLock { collector.recordedCount } }

    /// Forgets everything collected so far (the buffers are drained and discarded).
    public func reset() {
        lock.withLock {
            _ = buffer.drain()
            buffer.resetDropped()
            collector = Collector(configuration: configuration, start: EngineClock.now())
        }
    }
}

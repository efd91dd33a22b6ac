/// Hands every event to several recorders in turn (as swift-metrics' `MultiplexMetricsHandler`),
/// so an aggregator, a trace writer and a test can listen at once.
public final class MultiplexRecorder: EngineRecorder {
    public let recorders: [any EngineRecorder]

    public init(_ recorders: [any EngineRecorder]) { self.recorders = recorders }

    public func record(_ event: EngineEvent) {
        for recorder in recorders { recorder.record(event) }
    }
}

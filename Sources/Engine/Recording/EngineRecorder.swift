/// Receives engine events. Called from stream threads: implementations must be thread-safe and
/// cheap (buffer, don't process).
public protocol EngineRecorder: AnyObject, Sendable {
    func record(_ event: EngineEvent)
}

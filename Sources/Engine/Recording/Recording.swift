/// The recorders the engine reports to. With none, nothing is recorded and nothing is built.
///
/// Read `recorder` once per call site (one atomic load) and use the value you got:
///
/// ```swift
/// if let recorder = Recording.recorder { recorder.record(.op(record)) }
/// let token = Recording.add(profiler)   // beside whatever else listens
/// Recording.remove(token)
/// ```
///
/// Prefer `add`/`remove` over setting `recorder`: a set replaces every listener, including other
/// parts of the program (or other tests) that listen.
public enum Recording {
    /// The process-wide registry.
    public static let registry = RecorderRegistry()

    /// The current listeners as one recorder, nil when none; setting replaces them all.
    public static var recorder: (any EngineRecorder)? {
        get { registry.recorder }
        set { registry.recorder = newValue }
    }

    /// Whether anyone listens.
    public static var isActive: Bool { registry.isActive }

    @discardableResult
    public static func add(_ recorder: any EngineRecorder) -> RecorderToken { registry.add(recorder) }

    public static func remove(_ token: RecorderToken) { registry.remove(token) }
}

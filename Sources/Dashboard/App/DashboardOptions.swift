/// How the dashboard starts.
public struct DashboardOptions: Sendable {
    /// Frames per second (1…120).
    public var fps: Int
    /// A theme name or file; nil for "default".
    public var theme: String?
    /// A workload to start looping at once, with its parameter values.
    public var workload: String?
    public var values: [String: String]
    /// Where `e` writes traces.
    public var traceDirectory: String
    public var mouse: Bool

    public init(fps: Int = 20, theme: String? = nil, workload: String? = nil, values: [String: String] = [:],
                traceDirectory: String = ".", mouse: Bool = true) {
        self.fps = fps
        self.theme = theme
        self.workload = workload
        self.values = values
        self.traceDirectory = traceDirectory
        self.mouse = mouse
    }
}

/// What the status bar reports besides key hints: the workload, devices and frame figures.
public struct StatusInfo: Hashable, Sendable {
    public var workload: WorkloadLoop.State
    public var devices: [String]
    public var fps: Double
    /// Seconds to build and draw the last frame.
    public var frameTime: Double
    public var themeName: String

    public init(workload: WorkloadLoop.State = .idle, devices: [String] = ["cpu"], fps: Double = 0,
                frameTime: Double = 0, themeName: String = "default") {
        self.workload = workload
        self.devices = devices
        self.fps = fps
        self.frameTime = frameTime
        self.themeName = themeName
    }

    /// "matmul-exp-split running ×12", "idle: pick a workload", …
    public var workloadText: String {
        switch workload {
        case .idle: "idle: pick a workload"
        case .running(let name, let n): "▶ \(name) running ×\(n)"
        case .stopping(let name): "■ \(name) stopping"
        case .failed(let name, _): "✖ \(name) failed"
        }
    }
}

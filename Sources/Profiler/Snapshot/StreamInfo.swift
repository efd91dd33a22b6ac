import Engine

/// A stream as the profiler shows it: the engine's global index, its name and its device.
public struct StreamInfo: Hashable, Sendable {
    public let index: Int
    public let name: String
    public let device: Device

    public init(index: Int, name: String, device: Device) {
        self.index = index
        self.name = name
        self.device = device
    }
}

extension Device {
    /// `cpu`, `gpu0`, `gpu1`: the name used in tables, JSON and trace tracks.
    public var label: String { kind == .cpu ? "cpu" : "gpu\(index)" }

    /// Parses `label` back.
    public init?(label: String) {
        if label == "cpu" {
            self = .cpu
        } else if label.hasPrefix("gpu"), let n = Int(label.dropFirst(3)), n >= 0 {
            self = .gpu(n)
        } else {
            return nil
        }
    }
}

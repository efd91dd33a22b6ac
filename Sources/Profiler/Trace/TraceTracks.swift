import Engine

/// Where things go in a trace: one process per device, one thread per stream, plus a copy thread per
/// stream for transfers. Perfetto keys thread names by tid alone, so tids are unique across devices.
enum TraceTracks {
    /// CPU = 1, gpu N = N + 2.
    static func pid(_ device: Device) -> Int { device.kind == .cpu ? 1 : device.index + 2 }

    static func tid(_ device: Device, stream: Int, copies: Bool = false) -> Int {
        pid(device) * 1_000_000 + stream * 2 + (copies ? 1 : 0)
    }

    static func processName(_ device: Device) -> String { device.kind == .cpu ? "CPU" : "GPU \(device.index) (OpenCL)" }
}

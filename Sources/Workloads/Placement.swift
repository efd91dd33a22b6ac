import Engine

/// The devices one run of a workload uses, in role order (`cpu,gpu`: matmul on the CPU, exp on the GPU).
public struct Placement: Sendable, Hashable, CustomStringConvertible {
    public let devices: [Device]

    public init(_ devices: [Device]) { self.devices = devices }

    /// `cpu`, `gpu`, `gpu:1`, joined by commas — the form `--placement` takes.
    public var description: String { devices.map(Self.name(of:)).joined(separator: ",") }

    /// The seed's label: `cpu` for cpu,cpu, `cpu-gpu` for cpu,gpu.
    public var seedLabel: String {
        let names = devices.map(Self.name(of:))
        return Set(names).count == 1 ? names[0] : names.joined(separator: "-")
    }

    public subscript(role role: Int) -> Device { devices[role] }

    /// `cpu`, `gpu` (= gpu:0) or `gpu:N`; nil for anything else (a typo never means CPU).
    public static func device(named name: String) -> Device? {
        switch name.lowercased() {
        case "cpu": return .cpu
        case "gpu": return .gpu(0)
        default:
            let lower = name.lowercased()
            guard lower.hasPrefix("gpu:"), let index = Int(lower.dropFirst(4)), index >= 0, index < 1 << 16 else { return nil }
            return .gpu(index)
        }
    }

    public static func name(of device: Device) -> String {
        switch device.kind {
        case .cpu: "cpu"
        case .gpu: device.index == 0 ? "gpu" : "gpu:\(device.index)"
        }
    }
}

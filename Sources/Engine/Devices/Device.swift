/// A compute device: the host CPU, or an OpenCL GPU by index.
public struct Device: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case cpu, gpu }

    public let kind: Kind
    public let index: Int

    public static let cpu = Device(kind: .cpu, index: 0)
    public static func gpu(_ index: Int = 0) -> Device { Device(kind: .gpu, index: index) }

    /// `Device(cpu, 0)`, as MLX prints it.
    public var description: String { "Device(\(kind.rawValue), \(index))" }
}

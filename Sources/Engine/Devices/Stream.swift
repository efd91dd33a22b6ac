import Synchronization

/// An ordered queue of work on one device. Ops placed on the same stream run in order; ops on
/// different streams may run at the same time, synchronised only where one uses the other's output.
public final class Stream: Hashable, Sendable, CustomStringConvertible {
    private static let counter = Atomic<Int>(0)

    /// Global, increasing, never reused (as MLX's stream index).
    public let index: Int
    public let device: Device
    public let name: String

    init(device: Device, name: String? = nil) {
        index = Stream.counter.add(1, ordering: .relaxed).newValue - 1
        self.device = device
        self.name = name ?? "\(device.kind.rawValue) stream \(index)"
    }

    public static func == (a: Stream, b: Stream) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// `Stream(Device(cpu, 0), 0)`, as MLX prints it.
    public var description: String { "Stream(\(device), \(index))" }
}

/// Where an op runs: the default stream, a device's default stream, or a given stream.
/// Every op takes one as its last argument, as `mx.add(a, b, stream=mx.cpu)` does.
public enum StreamOrDevice: Sendable {
    case `default`
    case device(Device)
    case stream(Stream)

    public static let cpu = StreamOrDevice.device(.cpu)
    public static let gpu = StreamOrDevice.device(.gpu(0))
}

import Synchronization

/// An ordered queue of work on one device. Ops placed on the same stream run in order; ops on
/// different streams may run at the same time, synchronised only where one uses the other's output.
public final class DeviceStream: Hashable, Sendable, CustomStringConvertible {
    private static let counter = Atomic<Int>(0)

    /// Global, increasing, never reused (as MLX's stream index).
    public let index: Int
    public let device: Device
    public let name: String
    let worker: StreamWorker
    let backend: any Backend
    /// The backend's per-stream state (an OpenCL command queue); nil on the CPU.
    let state: (any AnyObject & Sendable)?

    init(backend: any Backend, state: (any AnyObject & Sendable)?, name: String? = nil) {
        index = DeviceStream.counter.add(1, ordering: .relaxed).newValue - 1
        device = backend.device
        self.backend = backend
        self.state = state
        let label = name ?? "\(backend.device.kind.rawValue)\(backend.device.kind == .gpu ? String(backend.device.index) : "") stream \(index)"
        self.name = label
        worker = StreamWorker(name: "streamtop \(label)")
    }

    // Unlike MLX's, a stream can be released: its worker thread ends once nothing references it.
    deinit { worker.shutdown() }

    /// A new stream on `device`, as `mx.new_stream(device)`.
    public static func new(on device: Device = .cpu, name: String? = nil) throws(EngineError) -> DeviceStream {
        let backend = Runtime.shared.backend(for: device)
        let state = try backend.makeStreamState(name: name ?? "\(device)")
        return DeviceStream(backend: backend, state: state, name: name)
    }

    /// Blocks until everything queued on this stream so far has run.
    public func synchronize() { worker.synchronize() }

    public static func == (a: DeviceStream, b: DeviceStream) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// `Stream(Device(cpu, 0), 0)`, as MLX prints it.
    public var description: String { "Stream(\(device), \(index))" }
}

/// `mx.new_stream(device)`.
public func newStream(on device: Device = .cpu, name: String? = nil) throws(EngineError) -> DeviceStream {
    try DeviceStream.new(on: device, name: name)
}

/// Where an op runs: the default stream, a device's default stream, or a given stream.
/// Every op takes one as its last argument, as `mx.add(a, b, stream=mx.cpu)` does.
public enum StreamOrDevice: Sendable {
    case `default`
    case device(Device)
    case stream(DeviceStream)

    public static let cpu = StreamOrDevice.device(.cpu)
    public static let gpu = StreamOrDevice.device(.gpu(0))
}

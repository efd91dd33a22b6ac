import Foundation

/// Process-wide engine state: each device's backend (with its pool) and default stream.
final class Runtime: @unchecked Sendable {
    static let shared = Runtime()

    let cpu: CPUBackend
    let cpuDefaultStream: DeviceStream
    /// `gpu(i)` is `gpus[i]`; a device that could not be opened is a `NoDeviceBackend` with its reason.
    let gpus: [any Backend]
    /// Why there is no GPU at all (no OpenCL driver, say); nil when at least one device opened.
    let gpuUnavailableReason: String?
    private let lock = Lock()
    private var gpuDefaultStreams: [Int: DeviceStream] = [:]

    var cpuPool: MemoryPool { cpu.pool }

    private init() {
        cpu = CPUBackend()
        cpuDefaultStream = DeviceStream(backend: cpu, state: nil, name: "cpu default")
        let discovered = GPUDiscovery.discover()
        gpus = discovered.backends
        gpuUnavailableReason = discovered.reason
    }

    /// The backend of `device`; an unknown or unusable device gives a backend whose errors say why.
    func backend(for device: Device) -> any Backend {
        switch device.kind {
        case .cpu:
            return cpu
        case .gpu:
            if device.index >= 0, device.index < gpus.count { return gpus[device.index] }
            let reason =
                gpuUnavailableReason
                ?? "there \(gpus.count == 1 ? "is 1 OpenCL device" : "are \(gpus.count) OpenCL devices") (gpu(0)…gpu(\(gpus.count - 1)))"
            return NoDeviceBackend(device: device, reason: reason)
        }
    }

    func pool(for device: Device) -> MemoryPool { backend(for: device).pool }

    /// The default stream of `device`, made on first use.
    func defaultStream(for device: Device, op: String) throws(EngineError) -> DeviceStream {
        if device.kind == .cpu { return cpuDefaultStream }
        lock.lock()
        defer { lock.unlock() }
        if let stream = gpuDefaultStreams[device.index] { return stream }
        let backend = backend(for: device)
        let state: (any AnyObject & Sendable)?
        do { state = try backend.makeStreamState(name: "\(device.kind.rawValue)\(device.index) default") } catch {
            throw EngineError(op: op, kind: error.kind, error.message)
        }
        let stream = DeviceStream(backend: backend, state: state, name: "gpu\(device.index) default")
        gpuDefaultStreams[device.index] = stream
        return stream
    }

    /// Resolves where an op runs, or throws naming the op when the device is not available.
    func resolve(_ placement: StreamOrDevice, op: String) throws(EngineError) -> DeviceStream {
        switch placement {
        case .default:
            return Defaults.scopedStream ?? cpuDefaultStream
        case .device(let device):
            return try defaultStream(for: device, op: op)
        case .stream(let stream):
            return stream
        }
    }
}

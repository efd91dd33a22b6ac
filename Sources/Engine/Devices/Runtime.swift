import Foundation

/// Process-wide engine state: the devices' pools and default streams.
final class Runtime: Sendable {
    static let shared = Runtime()

    let cpuPool: MemoryPool
    let cpuDefaultStream: DeviceStream

    private init() {
        let ram = Int(ProcessInfo.processInfo.physicalMemory)
        // As MLX's CPU allocator: memory limit 0.8 × RAM, cache limit 32 MiB… but larger here, since the
        // dashboard's loops reuse big buffers; still bounded and settable.
        cpuPool = MemoryPool(name: "cpu", memoryLimit: ram / 10 * 8, cacheLimit: 256 << 20)
        cpuDefaultStream = DeviceStream(device: .cpu, name: "cpu default")
    }

    func pool(for device: Device) -> MemoryPool { cpuPool }

    /// Resolves where an op runs, or throws naming the op when the device is not available.
    func resolve(_ placement: StreamOrDevice, op: String) throws(EngineError) -> DeviceStream {
        switch placement {
        case .default:
            return Defaults.scopedStream ?? cpuDefaultStream
        case .device(let device):
            guard device.kind == .cpu else { throw Self.noGPU(op) }
            return cpuDefaultStream
        case .stream(let stream):
            guard stream.device.kind == .cpu else { throw Self.noGPU(op) }
            return stream
        }
    }

    static func noGPU(_ op: String) -> EngineError {
        EngineError(op: op, kind: .device, "no GPU device is available: the OpenCL backend is not part of this build yet")
    }
}

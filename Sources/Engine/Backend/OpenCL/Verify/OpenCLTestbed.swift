/// One OpenCL device opened for checking: context, an in-order profiling queue and the device's
/// kernel library. `shared` is built once per process, so every check reuses compiled programs.
final class OpenCLTestbed: @unchecked Sendable {
    let device: OpenCLDevice
    let context: CLContext
    let queue: CLQueue
    let kernels: OpenCLKernels

    init(gpu index: Int, useFP64: Bool = true) throws(EngineError) {
        guard let device = OpenCLDevices.device(index) else {
            switch OpenCLDevices.availability {
            case .unavailable(let reason): throw EngineError(op: "opencl", kind: .device, reason)
            case .available(let all): throw EngineError(op: "opencl", kind: .device, "no gpu(\(index)): \(all.count) OpenCL device(s) found")
            }
        }
        self.device = device
        context = try CLContext(device: device.device)
        queue = try CLQueue(context: context)
        kernels = try OpenCLKernels(device: device, context: context, useFP64: useFP64)
    }

    /// gpu(0), or why it cannot be opened.
    static let shared: Result<OpenCLTestbed, EngineError> = Result { () throws(EngineError) in try OpenCLTestbed(gpu: 0) }

    /// gpu(0) with the float-only kernel paths of a device without `cl_khr_fp64`.
    static let withoutFP64: Result<OpenCLTestbed, EngineError> = Result { () throws(EngineError) in
        try OpenCLTestbed(gpu: 0, useFP64: false)
    }

    /// A device buffer holding a copy of `bytes` (at least one byte).
    func upload(_ bytes: [UInt8]) throws(EngineError) -> CLMemory {
        if bytes.isEmpty { return try CLMemory(context: context, bytes: 0) }
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(EngineError) -> CLMemory in
                try CLMemory(context: context, bytes: raw.count, flags: [.readWrite, .copyHostPointer], initial: raw.baseAddress)
            }
        }
        return try result.get()
    }

    /// The first `count` bytes of `memory`, after `event`.
    func download(_ memory: CLMemory, count: Int, after event: CLEvent) throws(EngineError) -> [UInt8] {
        try event.wait()
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        let result = out.withUnsafeMutableBytes { raw in
            Result { () throws(EngineError) -> CLEvent in
                try memory.read(into: raw.baseAddress!, count: count, queue: queue, blocking: true)
            }
        }
        _ = try result.get()
        return out
    }
}

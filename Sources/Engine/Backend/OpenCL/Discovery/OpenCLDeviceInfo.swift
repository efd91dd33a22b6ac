/// What `streamtop devices` shows for one OpenCL device, and what kernels are tuned by.
public struct OpenCLDeviceInfo: Sendable, Equatable {
    /// This device is `Device.gpu(gpuIndex)`.
    public let gpuIndex: Int
    public let platform: String
    public let name: String
    public let vendor: String
    /// "GPU", "CPU", "accelerator" or "other".
    public let type: String
    public let computeUnits: Int
    public let maxClockMHz: Int
    public let globalMemory: UInt64
    public let localMemory: UInt64
    public let maxAllocation: UInt64
    public let deviceVersion: String
    public let openCLCVersion: String
    public let driverVersion: String
    /// `cl_khr_fp16`: native half arithmetic. Without it float16 is still stored as half and
    /// computed in float (`vload_half`/`vstore_half` are core OpenCL 1.2).
    public let fp16: Bool
    /// `cl_khr_fp64`: kernels use double where the CPU engine does (ranges, sums, logsumexp).
    public let fp64: Bool
    /// `CL_DEVICE_HOST_UNIFIED_MEMORY`: host and device share memory, so arrays can move without a copy.
    public let hostUnifiedMemory: Bool
    public let maxWorkGroupSize: Int
    /// Why a non-GPU device serves as a GPU index, or how `STREAMTOP_OPENCL_DEVICE` placed it.
    public let note: String?

    public var isGPU: Bool { type == "GPU" }

    /// One line for `streamtop devices`.
    public var summary: String {
        let mib = { (bytes: UInt64) in "\(bytes >> 20) MiB" }
        var parts = [
            "platform \(platform)", "\(name) (\(vendor))", "type \(type)", "\(computeUnits) compute units",
            "\(maxClockMHz) MHz", "global \(mib(globalMemory))", "local \(localMemory >> 10) KiB",
            "\(openCLCVersion)", "driver \(driverVersion)", "fp16 \(fp16 ? "yes" : "no")", "fp64 \(fp64 ? "yes" : "no")",
            "unified memory \(hostUnifiedMemory ? "yes" : "no")", "max work-group \(maxWorkGroupSize)",
        ]
        if let note { parts.append(note) }
        return parts.joined(separator: ", ")
    }
}

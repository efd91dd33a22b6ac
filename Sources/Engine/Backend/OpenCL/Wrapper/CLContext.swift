import COpenCL
import Foundation

/// An OpenCL context over one device; owns the `cl_context` handle.
final class CLContext: @unchecked Sendable {
    let handle: cl_context
    let device: CLDevice
    /// How long a host wait polls the event before blocking in `clWaitForEvents`, in nanoseconds.
    let hostSpinNanoseconds: UInt64

    init(device: CLDevice) throws(EngineError) {
        var code: cl_int = 0
        var id: cl_device_id? = device.id
        guard let context = clCreateContext(nil, 1, &id, nil, nil, &code), code == CL_SUCCESS else {
            try clCheck(code == CL_SUCCESS ? CL_INVALID_CONTEXT : code, "clCreateContext", op: "opencl")
            throw EngineError(op: "opencl", kind: .device, "clCreateContext returned no context")
        }
        handle = context
        self.device = device
        hostSpinNanoseconds = Self.spinBudget(isGPU: ((try? device.type) ?? 0) & cl_device_type(CL_DEVICE_TYPE_GPU) != 0)
    }

    /// A GPU's blocking wait sleeps and is woken late (NVIDIA: ~18 µs for a kernel of a few µs,
    /// PyTorch's synchronize spins instead), so on a GPU the host first polls for up to 200 µs.
    /// On a CPU device (PoCL) the waiting thread would take a core from the kernel: no spin.
    /// `STREAMTOP_OPENCL_SPIN_US` overrides (0 turns polling off), for measuring both.
    static func spinBudget(isGPU: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> UInt64 {
        if let text = environment["STREAMTOP_OPENCL_SPIN_US"], let micros = UInt64(text) { return micros * 1000 }
        return isGPU ? 200_000 : 0
    }

    deinit { clReleaseContext(handle) }
}

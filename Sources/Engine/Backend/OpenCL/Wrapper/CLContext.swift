import COpenCL

/// An OpenCL context over one device; owns the `cl_context` handle.
final class CLContext: @unchecked Sendable {
    let handle: cl_context
    let device: CLDevice

    init(device: CLDevice) throws(EngineError) {
        var code: cl_int = 0
        var id: cl_device_id? = device.id
        guard let context = clCreateContext(nil, 1, &id, nil, nil, &code), code == CL_SUCCESS else {
            try clCheck(code == CL_SUCCESS ? CL_INVALID_CONTEXT : code, "clCreateContext", op: "opencl")
            throw EngineError(op: "opencl", kind: .device, "clCreateContext returned no context")
        }
        handle = context
        self.device = device
    }

    deinit { clReleaseContext(handle) }
}

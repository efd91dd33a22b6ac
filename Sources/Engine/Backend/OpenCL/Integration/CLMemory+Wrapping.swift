import COpenCL

extension CLMemory {
    /// A buffer over existing host memory (`CL_MEM_USE_HOST_PTR`): on a unified-memory device the
    /// kernels read those very bytes, so a CPU array reaches the device without a copy.
    convenience init(context: CLContext, wrapping host: UnsafeMutableRawPointer, bytes byteCount: Int) throws(EngineError) {
        var code: cl_int = 0
        let flags = cl_mem_flags(CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR)
        guard let mem = clCreateBuffer(context.handle, flags, Swift.max(byteCount, 1), host, &code), code == CL_SUCCESS else {
            throw EngineError(op: "opencl", kind: .device, "clCreateBuffer(USE_HOST_PTR) of \(byteCount) bytes: \(CLStatus(rawValue: code))")
        }
        self.init(retaining: UnsafeMutableRawPointer(mem), bytes: byteCount)
        clReleaseMemObject(mem)
    }
}

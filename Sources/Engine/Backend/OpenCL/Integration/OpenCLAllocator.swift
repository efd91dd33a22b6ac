import COpenCL
import Glibc

/// Device memory for an OpenCL device. On a device that shares memory with the host
/// (`CL_DEVICE_HOST_UNIFIED_MEMORY`, as PoCL) a block is page-aligned host memory wrapped with
/// `CL_MEM_USE_HOST_PTR`: kernels and the CPU then read the same bytes, and arrays cross between
/// CPU and GPU streams without a copy. Elsewhere (a discrete GPU, or `STREAMTOP_OPENCL_COPY=1`)
/// blocks are plain device buffers and the engine copies, recording each copy as a transfer.
struct OpenCLAllocator: DeviceAllocator {
    let context: CLContext
    let zeroCopy: Bool

    func allocate(_ bytes: Int) -> DeviceMemory? {
        let size = max(bytes, 1)
        var code: cl_int = 0
        if zeroCopy {
            var host: UnsafeMutableRawPointer?
            let rounded = (size + 4095) / 4096 * 4096
            guard posix_memalign(&host, 4096, rounded) == 0, let host else { return nil }
            let flags = cl_mem_flags(CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR)
            guard let mem = clCreateBuffer(context.handle, flags, size, host, &code), code == CL_SUCCESS else {
                Glibc.free(host)
                return nil
            }
            return DeviceMemory(handle: UnsafeMutableRawPointer(mem), host: host)
        }
        guard let mem = clCreateBuffer(context.handle, cl_mem_flags(CL_MEM_READ_WRITE), size, nil, &code),
            code == CL_SUCCESS
        else { return nil }
        return DeviceMemory(handle: UnsafeMutableRawPointer(mem), host: nil)
    }

    func free(_ memory: DeviceMemory) {
        clReleaseMemObject(CLMemory.handle(from: memory.handle))
        if let host = memory.host { Glibc.free(host) }
    }
}

import COpenCL

/// The bandwidth yardstick for elementwise ops: `out[i] = in[i]` over float32, built on the peer
/// context — one `float4` per work-item when the count allows (16-byte accesses: on the H200 the
/// one-float-per-item copy reached 2.3 TB/s, where PyTorch's exp moved 4.2), else one float. An
/// elementwise op cannot move bytes faster than this on the same device, so engine GB/s ÷ copy
/// GB/s says how close add and exp come to the memory limit.
final class OpenCLCopyKernel {
    static let source = """
        __kernel void copy(__global const float* in, __global float* out) {
            size_t i = get_global_id(0);
            out[i] = in[i];
        }
        __kernel void copy4(__global const float4* in, __global float4* out) {
            size_t i = get_global_id(0);
            out[i] = in[i];
        }
        """

    private let device: OpenCLBenchDevice
    private let program: cl_program
    private let kernel: cl_kernel
    private let kernel4: cl_kernel

    init(on device: OpenCLBenchDevice) throws(OpenCLBenchError) {
        var code: cl_int = 0
        let created: cl_program? = Self.source.withCString { text in
            var pointer: UnsafePointer<CChar>? = text
            return clCreateProgramWithSource(device.context, 1, &pointer, nil, &code)
        }
        guard let program = created else {
            throw OpenCLBenchError("clCreateProgramWithSource failed with OpenCL status \(code)")
        }
        var id: cl_device_id? = device.id
        let built = clBuildProgram(program, 1, &id, "", nil, nil)
        guard built == CL_SUCCESS else {
            let log = Self.buildLog(program, device.id)
            clReleaseProgram(program)
            throw OpenCLBenchError("clBuildProgram of the copy kernel failed with OpenCL status \(built): \(log)")
        }
        guard let kernel = clCreateKernel(program, "copy", &code) else {
            clReleaseProgram(program)
            throw OpenCLBenchError("clCreateKernel(copy) failed with OpenCL status \(code)")
        }
        guard let kernel4 = clCreateKernel(program, "copy4", &code) else {
            clReleaseKernel(kernel)
            clReleaseProgram(program)
            throw OpenCLBenchError("clCreateKernel(copy4) failed with OpenCL status \(code)")
        }
        self.device = device
        self.program = program
        self.kernel = kernel
        self.kernel4 = kernel4
    }

    deinit {
        clReleaseKernel(kernel)
        clReleaseKernel(kernel4)
        clReleaseProgram(program)
    }

    /// Enqueues `output = input` over `input.count` elements; returns once enqueued.
    func enqueue(from input: OpenCLBenchBuffer, to output: OpenCLBenchBuffer) throws(OpenCLBenchError) {
        precondition(input.count == output.count, "copy of \(input.count) elements into \(output.count)")
        var source: cl_mem? = input.mem
        var target: cl_mem? = output.mem
        let vectors = input.count % 4 == 0
        let chosen = vectors ? kernel4 : kernel
        try clBenchCheck(clSetKernelArg(chosen, 0, MemoryLayout<cl_mem>.size, &source), "clSetKernelArg(copy, 0)")
        try clBenchCheck(clSetKernelArg(chosen, 1, MemoryLayout<cl_mem>.size, &target), "clSetKernelArg(copy, 1)")
        var global = vectors ? input.count / 4 : input.count
        try clBenchCheck(clEnqueueNDRangeKernel(device.queue, chosen, 1, nil, &global, nil, 0, nil, nil), "clEnqueueNDRangeKernel(copy)")
    }

    private static func buildLog(_ program: cl_program, _ device: cl_device_id) -> String {
        var size = 0
        let param = cl_program_build_info(CL_PROGRAM_BUILD_LOG)
        guard clGetProgramBuildInfo(program, device, param, 0, nil, &size) == CL_SUCCESS, size > 0 else { return "(no build log)" }
        var bytes = [CChar](repeating: 0, count: size + 1)
        guard clGetProgramBuildInfo(program, device, param, size, &bytes, nil) == CL_SUCCESS else { return "(no build log)" }
        return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

import COpenCL

/// The per-op floor the OpenCL driver allows: one tiny `exp` kernel enqueued on the peers' bare
/// in-order queue, then `clWaitForEvents` on its event, as many times as the engine's per-op loop
/// runs. No graph, scheduler, pool or recorder: what is left is the driver's enqueue, launch and
/// completion signal, so engine µs ÷ these µs says how much the engine adds per op.
final class OpenCLRawExp {
    static let source = """
        __kernel void exp_f32(__global const float* x, __global float* y) {
            size_t i = get_global_id(0);
            y[i] = exp(x[i]);
        }
        """

    private let device: OpenCLBenchDevice
    private let program: cl_program
    private let kernel: cl_kernel
    /// Two buffers used in turn, as `b = exp(b)` reads the previous result.
    private let buffers: (OpenCLBenchBuffer, OpenCLBenchBuffer)

    init(on device: OpenCLBenchDevice, count: Int) throws(OpenCLBenchError) {
        var code: cl_int = 0
        let created: cl_program? = Self.source.withCString { text in
            var pointer: UnsafePointer<CChar>? = text
            return clCreateProgramWithSource(device.context, 1, &pointer, nil, &code)
        }
        guard let program = created else { throw OpenCLBenchError("clCreateProgramWithSource(exp) failed with OpenCL status \(code)") }
        var id: cl_device_id? = device.id
        let built = clBuildProgram(program, 1, &id, "", nil, nil)
        guard built == CL_SUCCESS else {
            clReleaseProgram(program)
            throw OpenCLBenchError("clBuildProgram of the exp kernel failed with OpenCL status \(built)")
        }
        guard let kernel = clCreateKernel(program, "exp_f32", &code) else {
            clReleaseProgram(program)
            throw OpenCLBenchError("clCreateKernel(exp_f32) failed with OpenCL status \(code)")
        }
        self.device = device
        self.program = program
        self.kernel = kernel
        buffers = (try OpenCLBenchBuffer(device, count: count), try OpenCLBenchBuffer(device, count: count))
    }

    deinit {
        clReleaseKernel(kernel)
        clReleaseProgram(program)
    }

    /// Writes `values` to the first buffer (the loop's input).
    func load(_ values: [Float]) throws(OpenCLBenchError) { try buffers.0.write(values) }

    /// The buffer holding the result after `steps` calls of `step`.
    func result(after steps: Int) throws(OpenCLBenchError) -> [Float] { try (steps % 2 == 0 ? buffers.0 : buffers.1).read() }

    /// `b = exp(b)` once: arguments set, kernel enqueued with an event, and the host waits for it.
    /// `engineCalls` adds the driver calls the engine makes per op besides these (`clFlush` and a
    /// completion callback), so their cost on a driver shows apart from the engine's own work.
    func step(_ index: Int, engineCalls: Bool = false) throws(OpenCLBenchError) {
        var input: cl_mem? = index % 2 == 0 ? buffers.0.mem : buffers.1.mem
        var output: cl_mem? = index % 2 == 0 ? buffers.1.mem : buffers.0.mem
        try clBenchCheck(clSetKernelArg(kernel, 0, MemoryLayout<cl_mem>.size, &input), "clSetKernelArg(exp, 0)")
        try clBenchCheck(clSetKernelArg(kernel, 1, MemoryLayout<cl_mem>.size, &output), "clSetKernelArg(exp, 1)")
        var global = buffers.0.count
        var event: cl_event?
        try clBenchCheck(clEnqueueNDRangeKernel(device.queue, kernel, 1, nil, &global, nil, 0, nil, &event), "clEnqueueNDRangeKernel(exp)")
        defer { if let event { clReleaseEvent(event) } }
        if engineCalls {
            try clBenchCheck(clFlush(device.queue), "clFlush")
            let noop: @convention(c) (cl_event?, cl_int, UnsafeMutableRawPointer?) -> Void = { _, _, _ in }
            try clBenchCheck(clSetEventCallback(event, CL_COMPLETE, noop, nil), "clSetEventCallback")
        }
        try clBenchCheck(clWaitForEvents(1, &event), "clWaitForEvents(exp)")
    }
}

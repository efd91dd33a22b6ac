import COpenCL

/// An in-order command queue with profiling on: one engine stream on a device.
final class CLQueue: @unchecked Sendable {
    let handle: cl_command_queue
    let context: CLContext
    /// Kernels launched on this queue before, ready for reuse.
    let kernelCache = CLKernelCache()

    init(context: CLContext) throws(EngineError) {
        var code: cl_int = 0
        let properties = cl_command_queue_properties(CL_QUEUE_PROFILING_ENABLE)
        guard let queue = clCreateCommandQueue(context.handle, context.device.id, properties, &code), code == CL_SUCCESS
        else {
            try clCheck(code == CL_SUCCESS ? CL_INVALID_COMMAND_QUEUE : code, "clCreateCommandQueue", op: "opencl")
            throw EngineError(op: "opencl", kind: .device, "clCreateCommandQueue returned no queue")
        }
        handle = queue
        self.context = context
    }

    deinit { clReleaseCommandQueue(handle) }

    /// Sends queued commands to the device without waiting.
    func flush() throws(EngineError) { try clCheck(clFlush(handle), "clFlush", op: "opencl") }

    /// Waits for everything queued here (tests and teardown; the engine waits on events instead).
    func finish() throws(EngineError) { try clCheck(clFinish(handle), "clFinish", op: "opencl") }

    /// An event that completes when every event in `waitFor` has (and, the queue being in order,
    /// everything queued before it): the result of an op that has nothing to compute.
    func marker(waitFor: [CLEvent], op: String) throws(EngineError) -> CLEvent {
        try CLEvent.enqueue("clEnqueueMarkerWithWaitList", op: op, waitFor: waitFor) { count, list, event in
            clEnqueueMarkerWithWaitList(handle, count, list, event)
        }
    }
}

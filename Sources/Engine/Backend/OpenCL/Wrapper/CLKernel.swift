import COpenCL

/// One kernel of a built program, its arguments and its launch. A `cl_kernel` holds argument
/// state, so it must not be shared between threads: the library checks one out of the queue's
/// `CLKernelCache` per launch (or makes one), and `enqueue` hands it back.
final class CLKernel: @unchecked Sendable {
    let handle: cl_kernel
    let name: String
    /// Retained so the program outlives its kernels.
    let program: CLProgram

    /// Where the kernel goes back after its next launch (set by `CLKernelCache.checkOut`).
    struct Lease {
        let cache: CLKernelCache
        let key: AnyHashable
    }
    var lease: Lease?

    init(program: CLProgram, name: String, op: String) throws(EngineError) {
        var code: cl_int = 0
        let kernel = clCreateKernel(program.handle, name, &code)
        try clCheck(code, "clCreateKernel", op: op)
        guard let kernel else { throw EngineError(op: op, kind: .device, "clCreateKernel returned no kernel for \(name)") }
        handle = kernel
        self.name = name
        self.program = program
    }

    deinit { clReleaseKernel(handle) }

    /// A scalar or struct argument, passed by value with its in-memory bytes.
    func set<T: BitwiseCopyable>(_ index: Int, _ value: T, op: String) throws(EngineError) {
        var copy = value
        try clCheck(clSetKernelArg(handle, cl_uint(index), MemoryLayout<T>.size, &copy), "clSetKernelArg", op: op)
    }

    /// An argument given as raw bytes (a struct laid out by the caller, such as `StridedLayout`).
    func set(_ index: Int, bytes: [Int64], op: String) throws(EngineError) {
        let code = bytes.withUnsafeBytes { clSetKernelArg(handle, cl_uint(index), $0.count, $0.baseAddress) }
        try clCheck(code, "clSetKernelArg", op: op)
    }

    /// A buffer argument.
    func set(_ index: Int, memory: cl_mem, op: String) throws(EngineError) {
        var mem: cl_mem? = memory
        try clCheck(clSetKernelArg(handle, cl_uint(index), MemoryLayout<cl_mem>.size, &mem), "clSetKernelArg", op: op)
    }

    /// A `__local` argument of `bytes` bytes.
    func setLocal(_ index: Int, bytes: Int, op: String) throws(EngineError) {
        try clCheck(clSetKernelArg(handle, cl_uint(index), bytes, nil), "clSetKernelArg", op: op)
    }

    /// Launches over `global` work items (1–3 dimensions) in groups of `local` (nil: the driver picks).
    func enqueue(global: [Int], local: [Int]?, queue: CLQueue, waitFor: [CLEvent], op: String) throws(EngineError) -> CLEvent {
        let event = try CLEvent.enqueue("clEnqueueNDRangeKernel", op: op, waitFor: waitFor) { n, list, event in
            global.withUnsafeBufferPointer { g in
                if let local {
                    return local.withUnsafeBufferPointer { l in
                        clEnqueueNDRangeKernel(queue.handle, handle, cl_uint(g.count), nil, g.baseAddress, l.baseAddress, n, list, event)
                    }
                }
                return clEnqueueNDRangeKernel(queue.handle, handle, cl_uint(g.count), nil, g.baseAddress, nil, n, list, event)
            }
        }
        // The arguments are consumed at enqueue: the object may be set up for another launch now.
        if let lease {
            self.lease = nil
            lease.cache.checkIn(self, key: lease.key)
        }
        return event
    }
}

import COpenCL

/// A device buffer (`cl_mem`); owns one reference.
///
/// The engine's memory pool keeps handles as raw pointers, so a `cl_mem` converts both ways:
/// `memory.rawHandle` and `CLMemory(retaining: raw)` / `CLMemory.handle(from: raw)`.
final class CLMemory: @unchecked Sendable {
    let handle: cl_mem
    let byteCount: Int

    /// How a buffer is created. `allocHostPointer` asks for host-visible memory, which on a
    /// unified-memory device (PoCL, integrated GPUs) is the zero-copy path.
    struct Flags: OptionSet, Sendable {
        let rawValue: cl_mem_flags
        static let readWrite = Flags(rawValue: cl_mem_flags(CL_MEM_READ_WRITE))
        static let readOnly = Flags(rawValue: cl_mem_flags(CL_MEM_READ_ONLY))
        static let writeOnly = Flags(rawValue: cl_mem_flags(CL_MEM_WRITE_ONLY))
        static let allocHostPointer = Flags(rawValue: cl_mem_flags(CL_MEM_ALLOC_HOST_PTR))
        static let copyHostPointer = Flags(rawValue: cl_mem_flags(CL_MEM_COPY_HOST_PTR))
    }

    /// A new buffer of `byteCount` bytes (at least 1: OpenCL refuses empty buffers), optionally
    /// filled from `initial` (needs `.copyHostPointer`).
    init(context: CLContext, bytes byteCount: Int, flags: Flags = .readWrite, initial: UnsafeRawPointer? = nil, op: String = "opencl")
        throws(EngineError)
    {
        guard byteCount >= 0 else { throw .argument(op, "negative buffer size \(byteCount)") }
        var code: cl_int = 0
        let size = max(byteCount, 1)
        let mem = clCreateBuffer(context.handle, flags.rawValue, size, UnsafeMutableRawPointer(mutating: initial), &code)
        if code != CL_SUCCESS {
            let status = CLStatus(rawValue: code)
            throw EngineError(
                op: op, kind: code == -4 || code == -61 || code == -6 ? .outOfMemory : .device,
                "clCreateBuffer of \(byteCount) bytes: \(status)")
        }
        guard let mem else { throw EngineError(op: op, kind: .device, "clCreateBuffer returned no buffer") }
        handle = mem
        self.byteCount = byteCount
    }

    /// Adopts `raw` (a `cl_mem` stored as a raw pointer) and retains it, so both owners release.
    init(retaining raw: UnsafeMutableRawPointer, bytes byteCount: Int) {
        handle = Self.handle(from: raw)
        clRetainMemObject(handle)
        self.byteCount = byteCount
    }

    deinit { clReleaseMemObject(handle) }

    /// The handle as the pool stores it.
    var rawHandle: UnsafeMutableRawPointer { UnsafeMutableRawPointer(handle) }

    static func handle(from raw: UnsafeMutableRawPointer) -> cl_mem { OpaquePointer(raw) }

    /// The size in bytes of a buffer owned elsewhere (`CL_MEM_SIZE`).
    static func size(of memory: cl_mem, op: String) throws(EngineError) -> Int {
        try CLInfo.value(Int.self, "clGetMemObjectInfo", op: op) { clGetMemObjectInfo(memory, cl_mem_info(CL_MEM_SIZE), $0, $1, $2) }
    }

    /// Copies `count` bytes at byte `offset` into `destination` once `waitFor` completed.
    /// Non-blocking: `destination` must stay valid until the returned event completes.
    func read(
        into destination: UnsafeMutableRawPointer, offset: Int = 0, count: Int, queue: CLQueue, blocking: Bool = false,
        waitFor: [CLEvent] = [], op: String = "opencl"
    ) throws(EngineError) -> CLEvent {
        try checkRange(offset, count, op: op)
        return try CLEvent.enqueue("clEnqueueReadBuffer", op: op, waitFor: waitFor) { n, list, event in
            clEnqueueReadBuffer(queue.handle, handle, cl_bool(blocking ? CL_TRUE : CL_FALSE), offset, count, destination, n, list, event)
        }
    }

    /// Copies `count` bytes from `source` to byte `offset`. Non-blocking: `source` must stay
    /// valid until the returned event completes.
    func write(
        from source: UnsafeRawPointer, offset: Int = 0, count: Int, queue: CLQueue, blocking: Bool = false,
        waitFor: [CLEvent] = [], op: String = "opencl"
    ) throws(EngineError) -> CLEvent {
        try checkRange(offset, count, op: op)
        return try CLEvent.enqueue("clEnqueueWriteBuffer", op: op, waitFor: waitFor) { n, list, event in
            clEnqueueWriteBuffer(queue.handle, handle, cl_bool(blocking ? CL_TRUE : CL_FALSE), offset, count, source, n, list, event)
        }
    }

    /// Fills `count` bytes at `offset` with a repeated pattern of 1, 2, 4 or 8 bytes.
    func fill(
        pattern: [UInt8], offset: Int, count: Int, queue: CLQueue, waitFor: [CLEvent] = [], op: String = "opencl"
    ) throws(EngineError) -> CLEvent {
        try checkRange(offset, count, op: op)
        return try Self.fill(handle, pattern: pattern, offset: offset, count: count, queue: queue, waitFor: waitFor, op: op)
    }

    /// `fill` on a handle owned elsewhere (the kernel library works on `CLArrayRef`s).
    static func fill(
        _ memory: cl_mem, pattern: [UInt8], offset: Int, count: Int, queue: CLQueue, waitFor: [CLEvent], op: String
    ) throws(EngineError) -> CLEvent {
        try CLEvent.enqueue("clEnqueueFillBuffer", op: op, waitFor: waitFor) { n, list, event in
            pattern.withUnsafeBytes { p in
                clEnqueueFillBuffer(queue.handle, memory, p.baseAddress, p.count, offset, count, n, list, event)
            }
        }
    }

    /// A blocking write to a handle owned elsewhere (host-generated data whose array dies on return).
    static func writeBlocking(
        _ memory: cl_mem, from source: UnsafeRawPointer, offset: Int, count: Int, queue: CLQueue, waitFor: [CLEvent], op: String
    ) throws(EngineError) -> CLEvent {
        try CLEvent.enqueue("clEnqueueWriteBuffer", op: op, waitFor: waitFor) { n, list, event in
            clEnqueueWriteBuffer(queue.handle, memory, cl_bool(CL_TRUE), offset, count, source, n, list, event)
        }
    }

    /// Maps `count` bytes for host access (blocking): the zero-copy path on unified-memory devices.
    /// Pair with `unmap`.
    func map(offset: Int = 0, count: Int, write: Bool, queue: CLQueue, waitFor: [CLEvent] = [], op: String = "opencl")
        throws(EngineError) -> UnsafeMutableRawPointer
    {
        try checkRange(offset, count, op: op)
        var code: cl_int = 0
        let flags = cl_map_flags(write ? CL_MAP_READ | CL_MAP_WRITE : CL_MAP_READ)
        let handles: [cl_event?] = waitFor.map { $0.handle }
        let pointer = handles.withUnsafeBufferPointer { list in
            clEnqueueMapBuffer(
                queue.handle, handle, cl_bool(CL_TRUE), flags, offset, max(count, 1), cl_uint(list.count),
                list.isEmpty ? nil : list.baseAddress, nil, &code)
        }
        try clCheck(code, "clEnqueueMapBuffer", op: op)
        guard let pointer else { throw EngineError(op: op, kind: .device, "clEnqueueMapBuffer returned no pointer") }
        return pointer
    }

    func unmap(_ pointer: UnsafeMutableRawPointer, queue: CLQueue, waitFor: [CLEvent] = [], op: String = "opencl")
        throws(EngineError) -> CLEvent
    {
        try CLEvent.enqueue("clEnqueueUnmapMemObject", op: op, waitFor: waitFor) { n, list, event in
            clEnqueueUnmapMemObject(queue.handle, handle, pointer, n, list, event)
        }
    }

    private func checkRange(_ offset: Int, _ count: Int, op: String) throws(EngineError) {
        guard offset >= 0, count >= 0, offset <= byteCount, count <= byteCount - offset else {
            throw .argument(op, "byte range \(offset)..<\(offset &+ count) is outside a buffer of \(byteCount) bytes")
        }
    }
}

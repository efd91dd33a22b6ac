import COpenCL
import Foundation

/// CLBlast's `CLBlastSgemm`, found at run time with `dlopen`, so streamtop never links CLBlast and
/// runs without it (the benchmark then leaves the peer column empty).
///
/// ```swift
/// switch CLBlast.load() {
/// case .success(let blast): try blast.sgemm(m: n, n: n, k: n, a: a, b: b, c: c, on: device)
/// case .failure(let reason): print(reason)
/// }
/// ```
struct CLBlast {
    /// Debian's `libclblast1` installs this soname.
    static let library = "libclblast.so.1"

    /// `CLBlastSgemm` from `clblast_c.h`; its enums are C ints and `size_t` is `Int` on 64-bit Linux.
    typealias Sgemm = @convention(c) (
        Int32, Int32, Int32, Int, Int, Int, Float, cl_mem?, Int, Int, cl_mem?, Int, Int, Float, cl_mem?, Int, Int,
        UnsafeMutablePointer<cl_command_queue?>?, UnsafeMutablePointer<cl_event?>?
    ) -> Int32

    // Values from clblast_c.h.
    static let rowMajor: Int32 = 101
    static let transposeNo: Int32 = 111

    let sgemmFunction: Sgemm

    /// The loaded library, or why it could not be loaded. The handle is never closed: CLBlast keeps
    /// compiled programs in process-wide caches that outlive any one call.
    static func load() -> Result<CLBlast, OpenCLBenchError> {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            let detail = dlerror().map { String(cString: $0) } ?? "dlopen failed"
            return .failure(OpenCLBenchError("CLBlast not installed (libclblast1): \(detail)"))
        }
        guard let symbol = dlsym(handle, "CLBlastSgemm") else {
            return .failure(OpenCLBenchError("\(library) has no CLBlastSgemm symbol"))
        }
        return .success(CLBlast(sgemmFunction: unsafeBitCast(symbol, to: Sgemm.self)))
    }

    /// Enqueues C = A·B for row-major A (m×k), B (k×n), C (m×n) on the device's queue; returns once
    /// enqueued (call `device.finish()` to wait).
    func sgemm(
        m: Int, n: Int, k: Int, a: OpenCLBenchBuffer, b: OpenCLBenchBuffer, c: OpenCLBenchBuffer, on device: OpenCLBenchDevice,
        event: UnsafeMutablePointer<cl_event?>? = nil
    ) throws(OpenCLBenchError) {
        precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "sgemm operands smaller than \(m)×\(k)·\(k)×\(n)")
        // CLBlast takes the queue by pointer (it never replaces it).
        var queue: cl_command_queue? = device.queue
        let status = sgemmFunction(
            Self.rowMajor, Self.transposeNo, Self.transposeNo, m, n, k, 1, a.mem, 0, k, b.mem, 0, n, 0, c.mem, 0, n, &queue, event)
        guard status == 0 else { throw OpenCLBenchError("CLBlastSgemm \(m)×\(k)·\(k)×\(n) failed: \(Self.describe(status))") }
    }

    /// Nanoseconds from a marker enqueued just before the call to the end of CLBlast's last
    /// command. CLBlast may run several kernels per call (padding, transposes, the product) and
    /// returns the last one's event, so its start says nothing; the marker's end opens the span,
    /// which then counts every kernel of the call and the gaps between them, as CUDA events
    /// bracket cuBLAS in the Torch peer and as our kernel is timed (`SgemmKernelTiming`).
    func sgemmKernelTime(
        m: Int, n: Int, k: Int, a: OpenCLBenchBuffer, b: OpenCLBenchBuffer, c: OpenCLBenchBuffer, on device: OpenCLBenchDevice
    ) throws(OpenCLBenchError) -> UInt64 {
        // A marker just before the call, no gate (see `SgemmKernelTiming.bracketed`).
        var marker: cl_event?
        try clBenchCheck(clEnqueueMarkerWithWaitList(device.queue, 0, nil, &marker), "clEnqueueMarkerWithWaitList")
        defer { if let marker { clReleaseEvent(marker) } }
        var event: cl_event?
        try sgemm(m: m, n: n, k: k, a: a, b: b, c: c, on: device, event: &event)
        guard let done = event, let marker else { throw OpenCLBenchError("CLBlastSgemm returned no event") }
        defer { clReleaseEvent(done) }
        var wait: cl_event? = done
        try clBenchCheck(clWaitForEvents(1, &wait), "clWaitForEvents(CLBlastSgemm)")
        // A driver without marker times: the last command's own start (undercounts a multi-kernel call).
        let opened: UInt64
        if let markerEnd = try? Self.profile(marker, CL_PROFILING_COMMAND_END), markerEnd > 0 {
            opened = markerEnd
        } else {
            opened = try Self.profile(done, CL_PROFILING_COMMAND_START)
        }
        let ended = try Self.profile(done, CL_PROFILING_COMMAND_END)
        return ended &- opened
    }

    static func profile(_ event: cl_event, _ param: Int32) throws(OpenCLBenchError) -> UInt64 {
        var value: cl_ulong = 0
        try clBenchCheck(
            clGetEventProfilingInfo(event, cl_profiling_info(param), MemoryLayout<cl_ulong>.size, &value, nil), "clGetEventProfilingInfo")
        return value
    }

    /// A few of CLBlast's status codes by name; negative values above -1000 are OpenCL's own.
    static func describe(_ status: Int32) -> String {
        let names: [Int32: String] = [
            -2041: "no tuning database entry for the device", -2040: "unknown error", -2039: "unexpected error",
            -1024: "kernel launch error", -1023: "run-time compilation failed", -11: "OpenCL build program failure",
            -4: "temporary buffer allocation failed", -5: "OpenCL out of resources", -6: "OpenCL out of host memory",
        ]
        return "status \(status)" + (names[status].map { " (\($0))" } ?? "")
    }
}

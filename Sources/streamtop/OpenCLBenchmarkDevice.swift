import COpenCL
import Foundation

/// A failed OpenCL call in the benchmark's own peer setup; the message names the call and its code.
struct OpenCLBenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Throws unless `code` is `CL_SUCCESS`, naming `call` and the numeric status (see `CL/cl.h`).
func clBenchCheck(_ code: cl_int, _ call: String) throws(OpenCLBenchError) {
    guard code == CL_SUCCESS else { throw OpenCLBenchError("\(call) failed with OpenCL status \(code)") }
}

/// The OpenCL device the peers run on, named for the report.
struct OpenCLBenchDeviceInfo: Encodable {
    let platform: String
    let name: String
    let vendor: String
    let type: String
    let driver: String
    let version: String
}

/// The peers' own context and in-order profiling queue on the device the engine uses as `gpu(0)`.
///
/// The benchmark does not reach into the engine's OpenCL objects: it picks the device the same way
/// (GPU-type devices first across all platforms in platform order, then the others;
/// `STREAMTOP_OPENCL_DEVICE` as an index into that order or a case-insensitive name substring moves
/// one to the front) and opens its own context, so CLBlast and the copy kernel see the same hardware.
final class OpenCLBenchDevice {
    let id: cl_device_id
    let info: OpenCLBenchDeviceInfo
    let context: cl_context
    let queue: cl_command_queue
    /// A remark on the choice (an override that matched nothing), for the report's notices.
    let note: String?

    private init(id: cl_device_id, info: OpenCLBenchDeviceInfo, note: String?) throws(OpenCLBenchError) {
        var code: cl_int = 0
        var device: cl_device_id? = id
        guard let context = clCreateContext(nil, 1, &device, nil, nil, &code) else {
            throw OpenCLBenchError("clCreateContext failed with OpenCL status \(code)")
        }
        // In order, with profiling: kernels can be timed by events as well as by the wall clock.
        guard let queue = clCreateCommandQueue(context, id, cl_command_queue_properties(CL_QUEUE_PROFILING_ENABLE), &code) else {
            clReleaseContext(context)
            throw OpenCLBenchError("clCreateCommandQueue failed with OpenCL status \(code)")
        }
        self.id = id
        self.info = info
        self.context = context
        self.queue = queue
        self.note = note
    }

    deinit {
        clReleaseCommandQueue(queue)
        clReleaseContext(context)
    }

    /// Blocks until everything queued so far has run.
    func finish() throws(OpenCLBenchError) { try clBenchCheck(clFinish(queue), "clFinish") }

    /// Opens the device `gpu(0)` would be; `choice` is `STREAMTOP_OPENCL_DEVICE`.
    static func open(choice: String? = ProcessInfo.processInfo.environment["STREAMTOP_OPENCL_DEVICE"])
        throws(OpenCLBenchError) -> OpenCLBenchDevice
    {
        var candidates: [(id: cl_device_id, platform: String, isGPU: Bool)] = []
        for platform in try platforms() {
            var count: cl_uint = 0
            guard clGetDeviceIDs(platform, cl_device_type(CL_DEVICE_TYPE_ALL), 0, nil, &count) == CL_SUCCESS, count > 0
            else { continue }
            var ids = [cl_device_id?](repeating: nil, count: Int(count))
            try clBenchCheck(clGetDeviceIDs(platform, cl_device_type(CL_DEVICE_TYPE_ALL), count, &ids, nil), "clGetDeviceIDs")
            let platformName = platformString(platform, CL_PLATFORM_NAME)
            for case let id? in ids {
                let type: cl_device_type = deviceValue(id, CL_DEVICE_TYPE) ?? 0
                candidates.append((id, platformName, type & cl_device_type(CL_DEVICE_TYPE_GPU) != 0))
            }
        }
        guard !candidates.isEmpty else { throw OpenCLBenchError("no OpenCL device found (install pocl-opencl-icd or a GPU driver)") }
        let names = candidates.map { deviceString($0.id, CL_DEVICE_NAME) }
        let (order, note) = ordered(isGPU: candidates.map(\.isGPU), names: names, choice: choice)
        let chosen = candidates[order[0]]
        let type: cl_device_type = deviceValue(chosen.id, CL_DEVICE_TYPE) ?? 0
        let info = OpenCLBenchDeviceInfo(
            platform: chosen.platform, name: names[order[0]], vendor: deviceString(chosen.id, CL_DEVICE_VENDOR),
            type: type & cl_device_type(CL_DEVICE_TYPE_GPU) != 0
                ? "GPU" : (type & cl_device_type(CL_DEVICE_TYPE_CPU) != 0 ? "CPU" : "other"),
            driver: deviceString(chosen.id, CL_DRIVER_VERSION), version: deviceString(chosen.id, CL_DEVICE_VERSION))
        return try OpenCLBenchDevice(id: chosen.id, info: info, note: note)
    }

    /// Candidate indices in `gpu(i)` order; `choice` moves one to the front, or is reported unmatched.
    static func ordered(isGPU: [Bool], names: [String], choice: String?) -> (order: [Int], note: String?) {
        let base = isGPU.indices.filter { isGPU[$0] } + isGPU.indices.filter { !isGPU[$0] }
        guard let raw = choice?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return (base, nil) }
        let picked: Int?
        if let index = Int(raw) {
            picked = base.indices.contains(index) ? base[index] : nil
        } else {
            picked = base.first { names[$0].lowercased().contains(raw.lowercased()) }
        }
        guard let picked else {
            return (base, "STREAMTOP_OPENCL_DEVICE=\(raw) matches no device; using \(names[base[0]])")
        }
        return ([picked] + base.filter { $0 != picked }, nil)
    }

    private static func platforms() throws(OpenCLBenchError) -> [cl_platform_id] {
        var count: cl_uint = 0
        let code = clGetPlatformIDs(0, nil, &count)
        // The ICD loader answers CL_PLATFORM_NOT_FOUND_KHR (-1001) when no driver is installed.
        guard code == CL_SUCCESS, count > 0 else {
            throw OpenCLBenchError("no OpenCL platform found (clGetPlatformIDs status \(code)); install pocl-opencl-icd or a GPU driver")
        }
        var ids = [cl_platform_id?](repeating: nil, count: Int(count))
        try clBenchCheck(clGetPlatformIDs(count, &ids, nil), "clGetPlatformIDs")
        return ids.compactMap { $0 }
    }

    private static func platformString(_ id: cl_platform_id, _ param: Int32) -> String {
        text { clGetPlatformInfo(id, cl_platform_info(param), $0, $1, $2) }
    }

    private static func deviceString(_ id: cl_device_id, _ param: Int32) -> String {
        text { clGetDeviceInfo(id, cl_device_info(param), $0, $1, $2) }
    }

    private static func deviceValue<T: FixedWidthInteger>(_ id: cl_device_id, _ param: Int32) -> T? {
        var value: T = 0
        return clGetDeviceInfo(id, cl_device_info(param), MemoryLayout<T>.size, &value, nil) == CL_SUCCESS ? value : nil
    }

    /// A string query (size first, then the bytes); "?" when the driver does not answer.
    private static func text(_ query: (Int, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?) -> cl_int) -> String {
        var size = 0
        guard query(0, nil, &size) == CL_SUCCESS, size > 0 else { return "?" }
        var bytes = [CChar](repeating: 0, count: size + 1)
        guard query(size, &bytes, nil) == CL_SUCCESS else { return "?" }
        return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
    }
}

/// A device buffer of float32 values owned by the peer context.
final class OpenCLBenchBuffer {
    let mem: cl_mem
    let count: Int
    private let device: OpenCLBenchDevice

    init(_ device: OpenCLBenchDevice, count: Int) throws(OpenCLBenchError) {
        var code: cl_int = 0
        let bytes = count * MemoryLayout<Float>.size
        guard let mem = clCreateBuffer(device.context, cl_mem_flags(CL_MEM_READ_WRITE), bytes, nil, &code) else {
            throw OpenCLBenchError("clCreateBuffer of \(bytes) bytes failed with OpenCL status \(code)")
        }
        self.mem = mem
        self.count = count
        self.device = device
    }

    deinit { clReleaseMemObject(mem) }

    /// Blocking copy from the host.
    func write(_ values: [Float]) throws(OpenCLBenchError) {
        precondition(values.count == count, "write of \(values.count) values into a buffer of \(count)")
        let code = values.withUnsafeBytes {
            clEnqueueWriteBuffer(device.queue, mem, cl_bool(CL_TRUE), 0, $0.count, $0.baseAddress, 0, nil, nil)
        }
        try clBenchCheck(code, "clEnqueueWriteBuffer")
    }

    /// Blocking copy to the host.
    func read() throws(OpenCLBenchError) -> [Float] {
        var values = [Float](repeating: 0, count: count)
        let code = values.withUnsafeMutableBytes {
            clEnqueueReadBuffer(device.queue, mem, cl_bool(CL_TRUE), 0, $0.count, $0.baseAddress, 0, nil, nil)
        }
        try clBenchCheck(code, "clEnqueueReadBuffer")
        return values
    }
}

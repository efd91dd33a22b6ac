import COpenCL

/// A built OpenCL program for one device; owns the `cl_program` handle.
final class CLProgram: @unchecked Sendable {
    let handle: cl_program

    private init(handle: cl_program) { self.handle = handle }

    deinit { clReleaseProgram(handle) }

    /// Compiles `source`; a compile error is an `EngineError` whose message carries the build log.
    static func build(source: String, options: String, context: CLContext, op: String) throws(EngineError) -> CLProgram {
        var code: cl_int = 0
        let program: cl_program? = source.withCString { text in
            var pointer: UnsafePointer<CChar>? = text
            return clCreateProgramWithSource(context.handle, 1, &pointer, nil, &code)
        }
        try clCheck(code, "clCreateProgramWithSource", op: op)
        guard let program else { throw EngineError(op: op, kind: .device, "clCreateProgramWithSource returned no program") }
        let result = CLProgram(handle: program)
        try result.build(options: options, device: context.device, op: op)
        return result
    }

    /// Loads a binary from `binary(device:)`; nil when the driver refuses it (a stale or foreign
    /// cache entry), so the caller compiles from source instead.
    static func load(binary: [UInt8], options: String, context: CLContext, op: String) -> CLProgram? {
        var code: cl_int = 0
        var status: cl_int = 0
        var device: cl_device_id? = context.device.id
        var size = binary.count
        let program: cl_program? = binary.withUnsafeBufferPointer { bytes in
            var pointer: UnsafePointer<UInt8>? = bytes.baseAddress
            return clCreateProgramWithBinary(context.handle, 1, &device, &size, &pointer, &status, &code)
        }
        guard code == CL_SUCCESS, status == CL_SUCCESS, let program else {
            if let program { clReleaseProgram(program) }
            return nil
        }
        let result = CLProgram(handle: program)
        do { try result.build(options: options, device: context.device, op: op) } catch { return nil }
        return result
    }

    private func build(options: String, device: CLDevice, op: String) throws(EngineError) {
        var id: cl_device_id? = device.id
        let code = clBuildProgram(handle, 1, &id, options, nil, nil)
        guard code == CL_SUCCESS else {
            let log = (try? buildLog(device: device)) ?? "(no build log)"
            throw EngineError(op: op, kind: .device, "clBuildProgram: \(CLStatus(rawValue: code))\n\(log)")
        }
    }

    func buildLog(device: CLDevice) throws(EngineError) -> String {
        try CLInfo.string("clGetProgramBuildInfo", op: "opencl") {
            clGetProgramBuildInfo(handle, device.id, cl_program_build_info(CL_PROGRAM_BUILD_LOG), $0, $1, $2)
        }
    }

    /// The device binary (`CL_PROGRAM_BINARIES`) for the program's single device.
    func binary() throws(EngineError) -> [UInt8] {
        let size = try CLInfo.value(Int.self, "clGetProgramInfo", op: "opencl") {
            clGetProgramInfo(handle, cl_program_info(CL_PROGRAM_BINARY_SIZES), $0, $1, $2)
        }
        guard size > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: size)
        let code = bytes.withUnsafeMutableBufferPointer { buffer in
            var pointer: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return clGetProgramInfo(
                handle, cl_program_info(CL_PROGRAM_BINARIES), MemoryLayout<UnsafeMutablePointer<UInt8>?>.size, &pointer, nil)
        }
        try clCheck(code, "clGetProgramInfo", op: "opencl")
        return bytes
    }
}

import COpenCL

/// An OpenCL platform (one installed driver: PoCL, NVIDIA, …). Platform ids are never released.
struct CLPlatform: @unchecked Sendable, Hashable {
    let id: cl_platform_id

    /// Every platform the ICD loader knows. With no driver the loader answers
    /// `CL_PLATFORM_NOT_FOUND_KHR`, which callers turn into an "unavailable" reason.
    static func all() throws(EngineError) -> [CLPlatform] {
        var count: cl_uint = 0
        try clCheck(clGetPlatformIDs(0, nil, &count), "clGetPlatformIDs", op: "opencl")
        guard count > 0 else { return [] }
        var ids = [cl_platform_id?](repeating: nil, count: Int(count))
        try clCheck(clGetPlatformIDs(count, &ids, nil), "clGetPlatformIDs", op: "opencl")
        return ids.compactMap { $0.map(CLPlatform.init(id:)) }
    }

    private func string(_ param: Int32) throws(EngineError) -> String {
        try CLInfo.string("clGetPlatformInfo", op: "opencl") { clGetPlatformInfo(id, cl_platform_info(param), $0, $1, $2) }
    }

    var name: String { get throws(EngineError) { try string(CL_PLATFORM_NAME) } }
    var vendor: String { get throws(EngineError) { try string(CL_PLATFORM_VENDOR) } }
    var version: String { get throws(EngineError) { try string(CL_PLATFORM_VERSION) } }

    /// The platform's devices of every type; a platform without devices gives an empty list.
    func devices() throws(EngineError) -> [CLDevice] {
        var count: cl_uint = 0
        let all = cl_device_type(CL_DEVICE_TYPE_ALL)
        let code = clGetDeviceIDs(id, all, 0, nil, &count)
        if code == CL_DEVICE_NOT_FOUND { return [] }
        try clCheck(code, "clGetDeviceIDs", op: "opencl")
        var ids = [cl_device_id?](repeating: nil, count: Int(count))
        try clCheck(clGetDeviceIDs(id, all, count, &ids, nil), "clGetDeviceIDs", op: "opencl")
        return ids.compactMap { $0.map { CLDevice(id: $0, platform: self) } }
    }
}

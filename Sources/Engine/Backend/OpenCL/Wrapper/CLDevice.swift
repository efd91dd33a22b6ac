import COpenCL

/// One OpenCL device id and typed reads of its properties. Root device ids are never released.
struct CLDevice: @unchecked Sendable, Hashable {
    let id: cl_device_id
    let platform: CLPlatform

    func string(_ param: Int32) throws(EngineError) -> String {
        try CLInfo.string("clGetDeviceInfo", op: "opencl") { clGetDeviceInfo(id, cl_device_info(param), $0, $1, $2) }
    }

    func value<T: BitwiseCopyable>(_ param: Int32, _ type: T.Type) throws(EngineError) -> T {
        try CLInfo.value(T.self, "clGetDeviceInfo", op: "opencl") { clGetDeviceInfo(id, cl_device_info(param), $0, $1, $2) }
    }

    var name: String { get throws(EngineError) { try string(CL_DEVICE_NAME) } }
    var vendor: String { get throws(EngineError) { try string(CL_DEVICE_VENDOR) } }
    var driverVersion: String { get throws(EngineError) { try string(CL_DRIVER_VERSION) } }
    var version: String { get throws(EngineError) { try string(CL_DEVICE_VERSION) } }
    var openCLCVersion: String { get throws(EngineError) { try string(CL_DEVICE_OPENCL_C_VERSION) } }
    var extensions: Set<String> {
        get throws(EngineError) { Set(try string(CL_DEVICE_EXTENSIONS).split(separator: " ").map(String.init)) }
    }
    var type: cl_device_type { get throws(EngineError) { try value(CL_DEVICE_TYPE, cl_device_type.self) } }
    var computeUnits: Int { get throws(EngineError) { Int(try value(CL_DEVICE_MAX_COMPUTE_UNITS, cl_uint.self)) } }
    var maxClockMHz: Int { get throws(EngineError) { Int(try value(CL_DEVICE_MAX_CLOCK_FREQUENCY, cl_uint.self)) } }
    var globalMemory: UInt64 { get throws(EngineError) { try value(CL_DEVICE_GLOBAL_MEM_SIZE, cl_ulong.self) } }
    var localMemory: UInt64 { get throws(EngineError) { try value(CL_DEVICE_LOCAL_MEM_SIZE, cl_ulong.self) } }
    var maxAllocation: UInt64 { get throws(EngineError) { try value(CL_DEVICE_MAX_MEM_ALLOC_SIZE, cl_ulong.self) } }
    var maxWorkGroupSize: Int { get throws(EngineError) { try value(CL_DEVICE_MAX_WORK_GROUP_SIZE, Int.self) } }
    /// Deprecated in OpenCL 2.0 but answered by PoCL and NVIDIA; it is what tells zero-copy apart.
    var hostUnifiedMemory: Bool { get throws(EngineError) { try value(CL_DEVICE_HOST_UNIFIED_MEMORY, cl_bool.self) != 0 } }
    /// Device timer resolution in nanoseconds.
    var timerResolution: Int { get throws(EngineError) { try value(CL_DEVICE_PROFILING_TIMER_RESOLUTION, Int.self) } }
}

extension CLDevice {
    /// Whether `-cl-fp32-correctly-rounded-divide-sqrt` may be passed (`CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT`).
    var correctlyRoundedDivideSqrt: Bool {
        get throws(EngineError) {
            try value(CL_DEVICE_SINGLE_FP_CONFIG, cl_device_fp_config.self) & cl_device_fp_config(CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0
        }
    }
}

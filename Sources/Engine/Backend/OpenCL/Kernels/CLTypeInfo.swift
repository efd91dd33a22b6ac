/// How a dtype is stored and computed in OpenCL C. float16 is stored as `half` and computed in
/// float through `vload_half`/`vstore_half_rte` (core OpenCL 1.2, no `cl_khr_fp16` needed); bool is
/// a `uchar` holding 0 or 1, as Swift's `Bool`.
struct CLTypeInfo {
    let dtype: DType

    init(_ dtype: DType) { self.dtype = dtype }

    /// The pointee type of a buffer argument.
    var storage: String {
        switch dtype {
        case .bool: "uchar"
        case .int32: "int"
        case .int64: "long"
        case .float16: "half"
        case .float32: "float"
        }
    }

    /// The type values are computed in once loaded.
    var compute: String {
        switch dtype {
        case .bool: "uchar"
        case .int32: "int"
        case .int64: "long"
        case .float16, .float32: "float"
        }
    }

    /// Unsigned twin for wrapping integer arithmetic (signed overflow is undefined in OpenCL C).
    var unsigned: String {
        switch dtype {
        case .int64: "ulong"
        default: "uint"
        }
    }

    func load(_ pointer: String, _ index: String) -> String {
        dtype == .float16 ? "vload_half(\(index), \(pointer))" : "\(pointer)[\(index)]"
    }

    /// A statement storing a compute-typed `value` (rounded to nearest even for half).
    func store(_ pointer: String, _ index: String, _ value: String) -> String {
        dtype == .float16 ? "vstore_half_rte(\(value), \(index), \(pointer));" : "\(pointer)[\(index)] = (\(storage))(\(value));"
    }

    /// A short tag for kernel and program names.
    var tag: String {
        switch dtype {
        case .bool: "b8"
        case .int32: "i32"
        case .int64: "i64"
        case .float16: "f16"
        case .float32: "f32"
        }
    }
}

import COpenCL

/// Reads `clGet*Info` answers: the size query, then the bytes. One helper for every info call, so
/// each wrapper names only the parameter it wants.
enum CLInfo {
    /// `query(size, value, sizeReturned)` is a partially applied `clGetXInfo(handle, param, …)`.
    typealias Query = (Int, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?) -> cl_int

    static func bytes(_ call: StaticString, op: String, _ query: Query) throws(EngineError) -> [UInt8] {
        var size = 0
        try clCheck(query(0, nil, &size), call, op: op)
        var bytes = [UInt8](repeating: 0, count: size)
        let code = bytes.withUnsafeMutableBytes { query(size, $0.baseAddress, nil) }
        try clCheck(code, call, op: op)
        return bytes
    }

    /// A NUL-terminated string answer, decoded as UTF-8 (`String(cString:)` on arrays is deprecated).
    static func string(_ call: StaticString, op: String, _ query: Query) throws(EngineError) -> String {
        let raw = try bytes(call, op: op, query)
        return String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self).trimmingSpaces()
    }

    /// A fixed-size scalar answer (`cl_uint`, `cl_ulong`, `cl_bool`, `size_t`, …).
    static func value<T: BitwiseCopyable>(_ type: T.Type, _ call: StaticString, op: String, _ query: Query) throws(EngineError) -> T {
        let raw = try bytes(call, op: op, query)
        guard raw.count >= MemoryLayout<T>.size else {
            throw EngineError(op: op, kind: .device, "\(call): answer of \(raw.count) bytes, expected \(MemoryLayout<T>.size)")
        }
        return raw.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// The materialised contents of an array: a buffer and a strided layout over it.
/// Views (transpose, slice, broadcast, reshape) share the buffer with different strides/offset.
struct ArrayData: @unchecked Sendable {
    var buffer: Buffer
    /// In elements.
    let offset: Int
    /// In elements; 0 for broadcast dimensions; may be negative only never (we keep steps positive via offset).
    let strides: [Int]

    func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> {
        buffer.pointer.assumingMemoryBound(to: T.self) + offset
    }

    /// Row-major contiguous over exactly `shape` (size-1 dims may have any stride).
    func isRowContiguous(_ shape: [Int]) -> Bool {
        var expected = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) where shape[i] != 1 {
            if strides[i] != expected { return false }
            expected *= shape[i]
        }
        return true
    }
}

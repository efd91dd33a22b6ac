import COpenCL

/// An array as an OpenCL kernel sees it: a buffer, an element offset into it, a shape, strides in
/// elements (0 for a broadcast dimension) and a dtype. Views are just different refs to one buffer.
struct CLArrayRef: @unchecked Sendable {
    let memory: cl_mem
    /// In elements.
    let offset: Int
    let shape: [Int]
    /// In elements.
    let strides: [Int]
    let dtype: DType

    init(memory: cl_mem, offset: Int = 0, shape: [Int], strides: [Int]? = nil, dtype: DType) {
        self.memory = memory
        self.offset = offset
        self.shape = shape
        self.strides = strides ?? Shape.contiguousStrides(shape)
        self.dtype = dtype
    }

    /// From a handle kept as a raw pointer (the memory pool's representation of a `cl_mem`).
    init(rawHandle: UnsafeMutableRawPointer, offset: Int = 0, shape: [Int], strides: [Int]? = nil, dtype: DType) {
        self.init(memory: CLMemory.handle(from: rawHandle), offset: offset, shape: shape, strides: strides, dtype: dtype)
    }

    var count: Int { Shape.count(shape) }

    /// Row-major contiguous over its own shape from its offset (size-1 dimensions may have any stride).
    var isRowContiguous: Bool {
        var expected = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] != 1 {
            if strides[d] != expected { return false }
            expected *= shape[d]
        }
        return true
    }

    /// The same buffer read as if broadcast to `target` (NumPy rules; the shapes were checked by the builder).
    func broadcast(to target: [Int]) -> CLArrayRef {
        CLArrayRef(
            memory: memory, offset: offset, shape: target,
            strides: Loops.broadcastStrides(shape, strides, to: target), dtype: dtype)
    }

    /// The same buffer with axes permuted.
    func permuted(_ permutation: [Int]) -> CLArrayRef {
        CLArrayRef(
            memory: memory, offset: offset, shape: permutation.map { shape[$0] }, strides: permutation.map { strides[$0] },
            dtype: dtype)
    }
}

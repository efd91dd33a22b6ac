/// Helpers every op builder shares: resolve placement, insert casts, make nodes.
enum Builder {
    static func stream(_ placement: StreamOrDevice, _ op: String) throws(EngineError) -> DeviceStream {
        try Runtime.shared.resolve(placement, op: op)
    }

    /// Every new shape passes here: one whose byte size cannot be addressed is an error naming the op.
    static func node(
        _ primitive: Primitive, _ inputs: [Tensor], shape: [Int], dtype: DType, stream: DeviceStream, op: String? = nil
    ) throws(EngineError) -> Tensor {
        try Shape.checkFits(shape, dtype, op: op ?? primitive.name)
        return Tensor(shape: shape, dtype: dtype, node: Node(primitive, inputs, stream: stream))
    }

    /// `x` converted to `dtype` (lazily), or `x` itself when it already is.
    static func cast(_ x: Tensor, to dtype: DType, stream: DeviceStream) throws(EngineError) -> Tensor {
        x.dtype == dtype ? x : try node(.astype, [x], shape: x.shape, dtype: dtype, stream: stream)
    }

    /// A 0-d constant, already evaluated (as MLX allocates scalars at construction). Out of memory
    /// is an error naming `op` (the op the constant is for), never a trap.
    static func constant(_ value: Scalar, dtype: DType, op: String) throws(EngineError) -> Tensor {
        let buffer = try Runtime.shared.cpuPool.allocate(dtype.size, op: op)
        GeneratorKernels.full(value, dtype: dtype, count: 1, out: buffer)
        return Tensor(shape: [], dtype: dtype, data: ArrayData(buffer: buffer, offset: 0, strides: []))
    }

    /// `Shape.normalizeAxis`, with the operand's shape and dtype added to the error message.
    static func axis(_ axis: Int, rank: Int, of x: Tensor, op: String) throws(EngineError) -> Int {
        do { return try Shape.normalizeAxis(axis, rank: rank, op: op) } catch { throw naming(x, error) }
    }

    /// `Shape.normalizeAxes`, with the operand's shape and dtype added to the error message.
    static func axes(_ axes: [Int], rank: Int, of x: Tensor, op: String) throws(EngineError) -> [Int] {
        do { return try Shape.normalizeAxes(axes, rank: rank, op: op) } catch { throw naming(x, error) }
    }

    private static func naming(_ x: Tensor, _ error: EngineError) -> EngineError {
        EngineError(op: error.op, kind: error.kind, "\(error.message) (\(describe(x.shape, x.dtype)))")
    }

    /// The broadcast shape of several operands, with an error naming their shapes and dtypes.
    static func broadcastShape(_ operands: [Tensor], _ op: String) throws(EngineError) -> [Int] {
        do {
            return try Shape.broadcast(operands.map(\.shape), op: op)
        } catch {
            let list = operands.map { describe($0.shape, $0.dtype) }.joined(separator: " and ")
            throw .shape(op, "shapes \(list) cannot be broadcast")
        }
    }
}

/// How a Swift number literal combines with an array: it adopts the array's dtype where it can
/// (MLX's "weak" scalars): `int32 + 2` stays int32, `float16 * 2.5` stays float16, `int32 + 2.5` is float32.
enum WeakScalar {
    static func tensor(_ value: Int, like other: Tensor, op: String) throws(EngineError) -> Tensor {
        let dtype: DType = other.dtype == .bool ? .int32 : other.dtype
        if dtype == .int32, Int32(exactly: value) == nil {
            throw .argument(op, "converting \(value) to int32 would overflow (the other operand is \(describe(other.shape, other.dtype)))")
        }
        return try Builder.constant(.int(Int64(value)), dtype: dtype, op: op)
    }

    static func tensor(_ value: Double, like other: Tensor, op: String) throws(EngineError) -> Tensor {
        try Builder.constant(.float(value), dtype: other.dtype.isFloatingPoint ? other.dtype : .float32, op: op)
    }
}

/// A fused chain of elementwise ops as one generated kernel (see `FusedSource`).
extension Launch {
    /// `inputs` must each be dense over `output` (row-major, any offset) or a single element; the
    /// backend gathers other layouts first (`OpenCLBackend.denseForFusion`).
    func fused(_ program: FusedProgram, _ inputs: [CLArrayRef], output: CLArrayRef) throws(EngineError) -> CLEvent {
        guard inputs.count == program.inputCount else {
            throw .argument(op, "expects \(program.inputCount) inputs, got \(inputs.count)")
        }
        var access: [FusedSource.Access] = []
        for input in inputs {
            guard input.dtype == .float32 else { throw .dtype(op, "fused programs take float32 inputs, got \(input.dtype)") }
            if input.count == 1 {
                access.append(.scalar)
            } else if input.count == output.count, Self.isRowContiguous(input) {
                access.append(.dense)
            } else {
                throw .argument(op, "input \(describe(input.shape, input.dtype)) with strides \(input.strides) is neither dense nor one element")
            }
        }
        let built = try kernels.fusedProgram(FusedSource.Key(program: program, access: access), op: op)
        let k = try CLKernel(program: built, name: FusedSource.kernelName, op: op)
        try k.set(0, memory: output.memory, op: op)
        for (i, input) in inputs.enumerated() {
            try k.set(1 + 2 * i, memory: input.memory, op: op)
            try k.set(2 + 2 * i, Int64(input.offset), op: op)
        }
        try k.set(1 + 2 * inputs.count, Int64(output.count), op: op)
        return try run(k, count: output.count)
    }

    /// Row-major contiguous over its own shape (size-1 dimensions may have any stride).
    static func isRowContiguous(_ ref: CLArrayRef) -> Bool {
        var expected = 1
        for d in stride(from: ref.shape.count - 1, through: 0, by: -1) where ref.shape[d] != 1 {
            if ref.strides[d] != expected { return false }
            expected *= ref.shape[d]
        }
        return true
    }
}

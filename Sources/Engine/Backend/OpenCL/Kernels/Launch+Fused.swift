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
            guard let how = FusedSource.access(input, count: output.count) else {
                throw .argument(op, "input \(describe(input.shape, input.dtype)) with strides \(input.strides) is neither dense nor one element")
            }
            access.append(how)
        }
        let key = FusedSource.Key(program: program, access: access)
        let k = try queue.kernelCache.checkOut(key) { () throws(EngineError) -> CLKernel in
            try CLKernel(program: kernels.fusedProgram(key, op: op), name: FusedSource.kernelName, op: op)
        }
        try k.set(0, memory: output.memory, op: op)
        for (i, input) in inputs.enumerated() {
            try k.set(1 + 2 * i, memory: input.memory, op: op)
            try k.set(2 + 2 * i, Int64(input.offset), op: op)
        }
        try k.set(1 + 2 * inputs.count, Int64(output.count), op: op)
        return try run(k, count: output.count)
    }
}

/// Unary, binary, select, casts and copies (concatenate is copies into slices of its result).
extension Launch {
    /// Kernel `name` of an elementwise program group (see `ElementwiseSource`) over the inputs (each
    /// broadcast to the output) into `output`, which may itself be a strided view (concatenate
    /// writes into slices of its result).
    func elementwise(
        group: String, _ kernels: () -> [ElementwiseSource.Kernel], name: String, inputs: [CLArrayRef], output: CLArrayRef
    ) throws(EngineError) -> CLEvent {
        let operands = [output] + inputs.map { $0.broadcast(to: output.shape) }
        let layout = try StridedLayout(shape: output.shape, operands: operands.map { ($0.offset, $0.strides) }, op: op)
        let k = try kernel(group, name) { ElementwiseSource.program(kernels()) }
        try k.set(0, memory: output.memory, op: op)
        for (i, input) in inputs.enumerated() { try k.set(1 + i, memory: input.memory, op: op) }
        let vectorized = layout.isVectorizable && ElementwiseSource.hasFloat4Path(output: output.dtype, inputs: inputs.map(\.dtype))
        try k.set(1 + inputs.count, bytes: layout.packed(vectorized: vectorized), op: op)
        return try run(k, count: vectorized ? layout.vectorWorkItems : layout.workItems)
    }

    func unary(_ unaryOp: UnaryOp, _ x: CLArrayRef, output: CLArrayRef) throws(EngineError) -> CLEvent {
        _ = try ElementwiseSource.unary(unaryOp, x.dtype)
        let expected: DType = unaryOp == .logicalNot ? .bool : x.dtype
        guard output.dtype == expected else { throw .dtype(op, "of \(x.dtype) gives \(expected), not \(output.dtype)") }
        return try elementwise(
            group: "unary.\(x.dtype)", { ElementwiseSource.unaryGroup(x.dtype) }, name: "unary_" + unaryOp.rawValue, inputs: [x], output: output)
    }

    func binary(_ binaryOp: BinaryOp, _ x: CLArrayRef, _ y: CLArrayRef, output: CLArrayRef) throws(EngineError) -> CLEvent {
        guard x.dtype == y.dtype else { throw .dtype(op, "operands must share a dtype (the builder casts), got \(x.dtype) and \(y.dtype)") }
        _ = try ElementwiseSource.binary(binaryOp, x.dtype)
        let expected: DType = binaryOp.isComparison || binaryOp == .logicalAnd || binaryOp == .logicalOr ? .bool : x.dtype
        guard output.dtype == expected else { throw .dtype(op, "of \(x.dtype) gives \(expected), not \(output.dtype)") }
        return try elementwise(
            group: "binary.\(x.dtype)", { ElementwiseSource.binaryGroup(x.dtype) }, name: "binary_" + binaryOp.rawValue, inputs: [x, y],
            output: output)
    }

    func cast(_ x: CLArrayRef, output: CLArrayRef) throws(EngineError) -> CLEvent {
        try elementwise(
            group: "cast.\(x.dtype)", { ElementwiseSource.castGroup(x.dtype) }, name: "cast_\(output.dtype)", inputs: [x], output: output)
    }

    func select(_ c: CLArrayRef, _ x: CLArrayRef, _ y: CLArrayRef, output: CLArrayRef) throws(EngineError) -> CLEvent {
        guard c.dtype == .bool, x.dtype == output.dtype, y.dtype == output.dtype else {
            throw .dtype(op, "expects a bool condition and values of \(output.dtype), got \(c.dtype), \(x.dtype), \(y.dtype)")
        }
        return try elementwise(
            group: "select.\(output.dtype)", { ElementwiseSource.selectGroup(output.dtype) }, name: "select_values", inputs: [c, x, y],
            output: output)
    }

    func concatenate(_ inputs: [CLArrayRef], axis: Int, output: CLArrayRef) throws(EngineError) -> CLEvent {
        guard axis >= 0, axis < output.shape.count else { throw .axis(op, "invalid axis \(axis) for \(formatShape(output.shape))") }
        var events: [CLEvent] = []
        var start = 0
        for input in inputs {
            guard input.shape.count == output.shape.count else {
                throw .shape(op, "input \(formatShape(input.shape)) does not match output \(formatShape(output.shape))")
            }
            defer { start += input.shape[axis] }
            if input.count == 0 { continue }
            let slice = CLArrayRef(
                memory: output.memory, offset: start * output.strides[axis], shape: input.shape, strides: output.strides,
                dtype: output.dtype)
            events.append(try cast(input, output: slice))
        }
        guard start == output.shape[axis] else {
            throw .shape(op, "inputs add up to \(start) along axis \(axis), output has \(output.shape[axis])")
        }
        return try queue.marker(waitFor: events.isEmpty ? waitFor : events, op: op)
    }
}

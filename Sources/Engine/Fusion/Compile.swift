/// Kernel fusion, as MLX's `compile`.
///
/// ```swift
/// let gelu = compile { x throws(EngineError) in
///     try 0.5 * x * (1 + tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
/// }
/// let y = try gelu(x)   // lazy, like any op: one `fused[…]` node instead of nine
/// ```
/// Calling the compiled function runs `f` (which builds the lazy graph as usual, with the usual
/// shape and dtype errors naming the op), then `Fusion` rewrites the nodes `f` created: each chain
/// of float32 elementwise ops on one stream becomes one node that the CPU runs as a single tiled
/// loop and OpenCL as a single generated kernel, so memory is read and written once instead of once
/// per op. Results equal the unfused graph's bit for bit (the same kernels run per instruction).
/// The outputs are always computed and stored (never folded into a consumer); so are the inputs.
/// The rewrite runs on every call: it walks only the new nodes, which costs far less than one
/// large elementwise op.
public func compile(
    _ f: @escaping @Sendable (Tensor) throws(EngineError) -> Tensor
) -> @Sendable (Tensor) throws(EngineError) -> Tensor {
    { x throws(EngineError) in try compiledCall([x]) { xs throws(EngineError) in [try f(xs[0])] }[0] }
}

/// Two-input `compile` (see the one-input form).
public func compile(
    _ f: @escaping @Sendable (Tensor, Tensor) throws(EngineError) -> Tensor
) -> @Sendable (Tensor, Tensor) throws(EngineError) -> Tensor {
    { x, y throws(EngineError) in try compiledCall([x, y]) { xs throws(EngineError) in [try f(xs[0], xs[1])] }[0] }
}

/// Any number of inputs and outputs (see the one-input form).
public func compile(
    many f: @escaping @Sendable ([Tensor]) throws(EngineError) -> [Tensor]
) -> @Sendable ([Tensor]) throws(EngineError) -> [Tensor] {
    { xs throws(EngineError) in try compiledCall(xs, f) }
}

private func compiledCall(
    _ inputs: [Tensor], _ f: ([Tensor]) throws(EngineError) -> [Tensor]
) throws(EngineError) -> [Tensor] {
    let firstNewID = Tensor.nextID
    let outputs = try f(inputs)
    Fusion.rewrite(outputs: outputs, inputs: inputs, firstNewID: firstNewID)
    return outputs
}

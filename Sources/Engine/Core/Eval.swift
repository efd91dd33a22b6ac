/// Evaluates the given arrays and everything they depend on.
///
/// Nodes run in dependency order; the graph is walked iteratively (a 100,000-op chain is fine), and
/// each evaluated node drops its inputs at once so intermediates are freed while the rest runs.
/// Throws the first error an op raised (out of memory, a device problem), naming the op.
public func eval(_ tensors: Tensor...) throws(EngineError) {
    try eval(tensors)
}

/// Evaluates an array of arrays (see `eval(_:)`).
public func eval(_ tensors: [Tensor]) throws(EngineError) {
    let order = GraphWalk.topologicalOrder(tensors)
    guard !order.isEmpty else { return }
    var pending: [Tensor?] = order
    for i in pending.indices {
        guard let tensor = pending[i], let node = tensor.node else { continue }
        // Release our slot first: once this node's consumers have run, nothing keeps it alive.
        pending[i] = nil
        tensor.data = try CPUBackend.execute(node, shape: tensor.shape, dtype: tensor.dtype)
        tensor.node = nil
    }
}

extension Tensor {
    /// Evaluates this array (see `eval(_:)`). Returns self so reads can chain.
    @discardableResult
    public func eval() throws(EngineError) -> Tensor {
        if data == nil { try Engine.eval([self]) }
        return self
    }

    /// The evaluated contents; evaluates first if needed.
    func materialized() throws(EngineError) -> ArrayData {
        if let data { return data }
        try Engine.eval([self])
        return data!
    }
}

/// Graph traversal without recursion.
enum GraphWalk {
    /// Unevaluated nodes reachable from `roots`, inputs before consumers.
    static func topologicalOrder(_ roots: [Tensor]) -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(tensor: Tensor, next: Int)] = []
        for root in roots where root.node != nil { stack.append((root, 0)) }
        while let (tensor, next) = stack.popLast() {
            if next == 0 {
                guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            }
            guard let node = tensor.node else { continue }
            let inputs = node.inputs
            if next < inputs.count {
                stack.append((tensor, next + 1))
                let input = inputs[next]
                if input.node != nil, !visited.contains(ObjectIdentifier(input)) {
                    stack.append((input, 0))
                }
            } else {
                order.append(tensor)
            }
        }
        return order
    }
}

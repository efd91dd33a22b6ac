/// Evaluates the given arrays and everything they depend on, and waits for them.
///
/// Each node runs on its own stream; a node whose input comes from another stream waits for that
/// producer only (no global barrier). The graph is walked iteratively (a 100,000-op chain is fine)
/// and each evaluated node drops its inputs, so intermediates are freed while the rest runs.
/// Throws the first error an op raised (out of memory, a device problem), naming the op.
public func eval(_ tensors: Tensor...) throws(EngineError) {
    try eval(tensors)
}

/// Evaluates an array of arrays (see `eval(_:)`).
public func eval(_ tensors: [Tensor]) throws(EngineError) {
    Scheduler.schedule(tensors, synchronous: true)
    try Scheduler.wait(tensors)
}

/// Schedules evaluation and returns at once; a later read or `eval` waits only for what it needs.
public func asyncEval(_ tensors: Tensor...) {
    Scheduler.schedule(tensors)
}

public func asyncEval(_ tensors: [Tensor]) {
    Scheduler.schedule(tensors)
}

/// Waits until everything queued on `stream` has run.
public func synchronize(_ stream: DeviceStream) { stream.synchronize() }

extension Tensor {
    /// Evaluates this array (see `eval(_:)`). Returns self so reads can chain.
    @discardableResult
    public func eval() throws(EngineError) -> Tensor {
        try Engine.eval([self])
        return self
    }

    /// The evaluated contents where the host can read them; evaluates first if needed, and copies
    /// from device memory when the device's memory is not host-addressable.
    func materialized() throws(EngineError) -> ArrayData {
        try Engine.eval([self])
        let data: ArrayData = Scheduler.lock.withLock { self.data! }
        if data.buffer.isHostAccessible { return data }
        let device = data.buffer.device
        let recorder = Recording.recorder
        let id = self.id
        let reporter: TransferReporter? = recorder.map { recorder in
            { direction, bytes, started, finished in
                recorder.record(
                    .transfer(
                        TransferRecord(
                            nodeID: id, direction: direction, bytes: bytes, streamIndex: -1, streamName: "host read",
                            device: device, started: started, finished: finished)))
            }
        }
        return try Runtime.shared.backend(for: device).hostData(data, shape: shape, dtype: dtype, transfer: reporter)
    }
}

/// Graph traversal without recursion.
enum GraphWalk {
    /// Nodes reachable from `roots` that are neither evaluated nor scheduled, inputs before
    /// consumers. Caller holds `Scheduler.lock`.
    static func topologicalOrder(_ roots: [Tensor]) -> [Tensor] {
        // Failed nodes (error set, node kept) count as pending: a later eval retries them.
        func pending(_ t: Tensor) -> Bool { t.node != nil && t.producer == nil }
        // One root whose inputs are all evaluated or scheduled (eager-style `eval(a + b)`): the
        // walk below would give exactly [root]; skip its visited set and stack.
        if roots.count == 1 {
            let root = roots[0]
            guard pending(root) else { return [] }
            if !root.node!.inputs.contains(where: pending) { return [root] }
        }
        return order(roots, including: pending)
    }

    /// Nodes reachable from `roots` through tensors that satisfy `include` (each must have a node),
    /// inputs before consumers.
    static func order(_ roots: [Tensor], including include: (Tensor) -> Bool) -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(tensor: Tensor, next: Int)] = []
        for root in roots where include(root) { stack.append((root, 0)) }
        while let (tensor, next) = stack.popLast() {
            if next == 0 {
                guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            }
            let inputs = tensor.node!.inputs
            if next < inputs.count {
                stack.append((tensor, next + 1))
                let input = inputs[next]
                if include(input), !visited.contains(ObjectIdentifier(input)) {
                    stack.append((input, 0))
                }
            } else {
                order.append(tensor)
            }
        }
        return order
    }
}

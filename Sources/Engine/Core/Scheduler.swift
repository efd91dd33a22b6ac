/// Hands graph nodes to their streams in dependency order.
///
/// Every node becomes one task on its stream's worker. A task whose input is produced on another
/// stream first waits for that producer's completion counter — the consumer waits, nobody else.
/// Since tasks are handed out in one topological order (under `lock`), every wait points at an
/// earlier task, so streams that wait on each other (diamonds) cannot deadlock.
///
/// Tiny ops whose stream is idle and whose inputs are ready run on the caller's thread: a thread
/// hand-off costs ~15 µs on these machines, far more than adding 100 floats.
enum Scheduler {
    /// Guards the evaluation state of tensors that have been handed to streams.
    static let lock = Lock()

    /// Ops at or below this many bytes touched (and flops) may run inline.
    static let inlineBytes = 1 << 16
    static let inlineFlops = 1 << 16

    /// `synchronous`: the caller will wait for the roots right away, so when the whole graph lives on
    /// one idle stream the caller runs it itself instead of handing it over and sleeping.
    static func schedule(_ roots: [Tensor], synchronous: Bool = false) {
        let recorder = Recording.recorder
        lock.lock()
        // Reversed, so the loop below can pop each tensor (dropping our reference) in order; a
        // `[Tensor?]` copy would cost a runtime cast per element.
        var order = GraphWalk.topologicalOrder(roots)
        var graph: GraphRecord?
        if recorder != nil, !order.isEmpty {
            let nodes = order.map { t in
                let stream = t.node!.stream
                return GraphRecord.Node(
                    id: t.id, name: t.node!.primitive.name, inputIDs: t.node!.inputs.map(\.id),
                    streamIndex: stream.index, streamName: stream.name, device: stream.device)
            }
            graph = GraphRecord(nodes: nodes, time: EngineClock.now())
        }
        let firstWorker = order.first?.node?.stream.worker
        let singleStream = synchronous && order.allSatisfy { $0.node?.stream.worker === firstWorker }
        lock.unlock()
        // Delivered outside the lock: a listener must never stall the scheduler.
        if let recorder, let graph { recorder.record(.graph(graph)) }

        order.reverse()
        // Popping drops our reference at once: a consumer that runs while we are still scheduling
        // may then donate this tensor's buffer.
        while let tensor = order.popLast() {
            lock.lock()
            // Another thread may have scheduled it meanwhile.
            guard let node = tensor.node, tensor.producer == nil else {
                lock.unlock()
                continue
            }
            // A node whose earlier evaluation failed (say, out of memory) is tried again.
            tensor.error = nil
            let stream = node.stream
            let worker = stream.worker
            var waits: [Fence] = []
            var inputsReady = true
            for input in node.inputs {
                guard let fence = input.producer else { continue }  // a constant, or evaluated inline long ago
                if input.data == nil { inputsReady = false }
                // Same stream: its order already puts the producer first.
                guard fence.worker !== worker else { continue }
                if input.data == nil || fence.deviceEvent != nil { waits.append(fence) }
            }
            let dispatched = recorder == nil ? 0 : EngineClock.now()
            let cost = Cost(node: node, shape: tensor.shape, dtype: tensor.dtype)
            let tiny = cost.bytes <= inlineBytes && cost.flops <= inlineFlops
            // An asynchronous device (OpenCL) only enqueues on the calling thread: when the caller waits
            // for a graph that lives on one idle stream, that saves two thread hand-offs per eval.
            let inlineAllowed = stream.backend.runsInline ? tiny || singleStream : singleStream
            if inlineAllowed, inputsReady, waits.isEmpty, let seq = worker.claimInline() {
                tensor.producer = Fence(worker: worker, seq: seq, stream: stream, nodeID: tensor.id)
                lock.unlock()
                run(tensor, node, waits: [], cost: cost, dispatched: dispatched, inline: true, recorder: recorder)
                worker.finishInline(seq)
                continue
            }
            let dependencies = waits
            let task: StreamWorker.Task = {
                run(tensor, node, waits: dependencies, cost: cost, dispatched: dispatched, inline: false, recorder: recorder)
            }
            let seq = worker.enqueue(task)
            tensor.producer = Fence(worker: worker, seq: seq, stream: stream, nodeID: tensor.id)
            lock.unlock()
        }
    }

    /// Waits for the given tensors (and only them) to be ready on their device; throws the error of
    /// the first that failed.
    static func wait(_ tensors: [Tensor]) throws(EngineError) {
        for tensor in tensors {
            let fence = lock.withLock { tensor.producer }
            if let fence { try fence.wait() }
            if let error = lock.withLock({ tensor.error }) { throw error }
        }
    }

    /// Runs one node on the current thread (its stream's worker, or inline) through its device's
    /// backend, and publishes the result.
    private static func run(
        _ tensor: Tensor, _ node: Node, waits: [Fence], cost: Cost, dispatched: UInt64, inline: Bool,
        recorder: (any EngineRecorder)?
    ) {
        let execution = Execution(
            tensor: tensor, node: node, waits: waits, cost: cost, dispatched: dispatched, inline: inline,
            recorder: recorder)
        var result: ArrayData?
        var event: (any DeviceEvent)?
        var failure: EngineError?
        do {
            (result, event) = try node.stream.backend.execute(execution)
        } catch {
            failure = error
        }
        let detached: Node? = lock.withLock {
            if let failure {
                // Keep the node so a later eval can retry; waiters see the error, not a producer.
                tensor.error = failure
                tensor.producer = nil
                return nil
            }
            tensor.data = result
            if let event { tensor.producer?.attach(event) }
            defer { tensor.node = nil }
            return tensor.node
        }
        if let failure {
            let now = recorder == nil ? 0 : EngineClock.now()
            execution.recordOp(started: now, finished: now, error: failure)
        }
        // Dropping the node frees inputs nobody else holds — outside the lock, since that can cascade.
        _ = detached
    }
}

/// A rough cost of a node, for the inline decision and the profiler's bytes/flops columns.
struct Cost {
    let bytes: Int
    let flops: Int

    init(node: Node, shape: [Int], dtype: DType) {
        // Shapes were checked to fit when built; sums and products here still saturate, since a
        // matmul's flop count can pass Int.max with every operand addressable.
        let outCount = Shape.count(shape)
        let inBytes = node.inputs.reduce(0) { $0.addingSaturating($1.nbytes) }
        if node.primitive.isView {
            bytes = 0
            flops = 0
            return
        }
        bytes = inBytes.addingSaturating(outCount.multipliedSaturating(dtype.size))
        switch node.primitive {
        case .matmul:
            let a = node.inputs[0].shape
            flops = outCount.multipliedSaturating(2).multipliedSaturating(a.last ?? 1)
        case .reduce, .argReduce, .logsumexp:
            flops = node.inputs.first.map { $0.size } ?? outCount
        case .softmax:
            flops = outCount.multipliedSaturating(4)
        case .fused(let program):
            flops = outCount.multipliedSaturating(program.containedOps.count)
        default:
            flops = outCount
        }
    }
}

extension Int {
    func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    func multipliedSaturating(_ other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) != (other < 0) ? .min : .max) : product
    }
}

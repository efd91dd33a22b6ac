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
        var order: [Tensor?] = GraphWalk.topologicalOrder(roots)
        if let recorder, !order.isEmpty {
            let nodes = order.map { t in
                let t = t!
                return GraphRecord.Node(
                    id: t.id, name: t.node!.primitive.name, inputIDs: t.node!.inputs.map(\.id),
                    streamIndex: t.node!.stream.index, streamName: t.node!.stream.name, device: t.node!.stream.device)
            }
            recorder.record(.graph(GraphRecord(nodes: nodes, time: EngineClock.now())))
        }
        let firstWorker = order.first??.node?.stream.worker
        let singleStream = synchronous && order.allSatisfy { $0?.node?.stream.worker === firstWorker }
        lock.unlock()

        for index in order.indices {
            // Drop our reference at once: a consumer that runs while we are still scheduling may
            // then donate this tensor's buffer.
            let tensor = order[index]!
            order[index] = nil
            lock.lock()
            // Another thread may have scheduled it meanwhile.
            guard let node = tensor.node, tensor.producer == nil else {
                lock.unlock()
                continue
            }
            // A node whose earlier evaluation failed (say, out of memory) is tried again.
            tensor.error = nil
            let worker = node.stream.worker
            var waits: [Dependency] = []
            var inputsReady = true
            for input in node.inputs where input.data == nil {
                inputsReady = false
                if let producer = input.producer, producer.worker !== worker {
                    waits.append(
                        Dependency(
                            worker: producer.worker, seq: producer.seq, producerID: input.id,
                            streamIndex: input.node?.stream.index ?? -1))
                }
            }
            let dispatched = EngineClock.now()
            let cost = Cost(node: node, shape: tensor.shape, dtype: tensor.dtype)
            let tiny = cost.bytes <= inlineBytes && cost.flops <= inlineFlops
            if inputsReady, tiny || singleStream, let seq = worker.claimInline() {
                tensor.producer = (worker, seq)
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
            tensor.producer = (worker, seq)
            lock.unlock()
        }
    }

    /// Waits for the given tensors (and only them); throws the error of the first that failed.
    static func wait(_ tensors: [Tensor]) throws(EngineError) {
        for tensor in tensors {
            let producer = lock.withLock { tensor.data == nil ? tensor.producer : nil }
            if let producer { producer.worker.wait(for: producer.seq) }
            if let error = lock.withLock({ tensor.error }) { throw error }
        }
    }

    struct Dependency: @unchecked Sendable {
        let worker: StreamWorker
        let seq: UInt64
        let producerID: Int
        let streamIndex: Int
    }

    /// Runs one node on the current thread (its stream's worker, or inline) and publishes the result.
    private static func run(
        _ tensor: Tensor, _ node: Node, waits: [Dependency], cost: Cost, dispatched: UInt64, inline: Bool,
        recorder: (any EngineRecorder)?
    ) {
        for dependency in waits {
            let start = recorder == nil ? 0 : EngineClock.now()
            dependency.worker.wait(for: dependency.seq)
            if let recorder {
                recorder.record(
                    .wait(
                        WaitRecord(
                            streamIndex: node.stream.index, device: node.stream.device,
                            waitedForStreamIndex: dependency.streamIndex, waitedForStream: dependency.worker.name,
                            producerNodeID: dependency.producerID, consumerNodeID: tensor.id, started: start,
                            finished: EngineClock.now())))
            }
        }
        let started = recorder == nil ? 0 : EngineClock.now()
        var result: ArrayData?
        var failure = lock.withLock { node.inputs.lazy.compactMap(\.error).first }
        if failure == nil {
            do {
                result = try CPUBackend.execute(node, shape: tensor.shape, dtype: tensor.dtype)
            } catch {
                failure = error
            }
        }
        let detached: Node? = lock.withLock {
            if let failure {
                // Keep the node so a later eval can retry; waiters see the error, not a producer.
                tensor.error = failure
                tensor.producer = nil
                return nil
            }
            tensor.data = result
            defer { tensor.node = nil }
            return tensor.node
        }
        if let recorder {
            recorder.record(
                .op(
                    OpRecord(
                        nodeID: tensor.id, name: node.primitive.name, inputIDs: node.inputs.map(\.id),
                        streamIndex: node.stream.index, streamName: node.stream.name, device: node.stream.device,
                        shape: tensor.shape, dtype: tensor.dtype, bytes: cost.bytes, flops: cost.flops,
                        dispatched: dispatched, started: started, finished: EngineClock.now(), inline: inline,
                        error: failure.map { "\($0)" })))
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
        let outCount = Shape.count(shape)
        let inBytes = node.inputs.reduce(0) { $0 + $1.nbytes }
        if node.primitive.isView {
            bytes = 0
            flops = 0
            return
        }
        bytes = inBytes + outCount * dtype.size
        switch node.primitive {
        case .matmul:
            let a = node.inputs[0].shape
            flops = 2 * outCount * (a.last ?? 1)
        case .reduce, .argReduce, .logsumexp:
            flops = node.inputs.first.map { $0.size } ?? outCount
        case .softmax:
            flops = 4 * outCount
        default:
            flops = outCount
        }
    }
}

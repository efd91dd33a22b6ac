/// A device's implementation of the engine: where its memory comes from, how its streams run
/// nodes, and how its data reaches the host (MLX's `eval_cpu` / `eval_gpu` split, one type per device).
///
/// The scheduler hands every node to its stream's backend and never names a concrete one.
protocol Backend: AnyObject, Sendable {
    var device: Device { get }
    /// The device's pool; shared size classes and cache over the backend's own allocator.
    var pool: MemoryPool { get }
    /// Whether tiny ops may run on the caller's thread when their stream is idle (synchronous devices).
    var runsInline: Bool { get }

    /// Per-stream state (an OpenCL command queue), made when a stream is created on this device.
    /// Throws when the device cannot be used, with the reason.
    func makeStreamState(name: String) throws(EngineError) -> (any AnyObject & Sendable)?

    /// Runs one node on the current thread (its stream's worker, or the caller when inline): waits for
    /// `execution.waits`, computes or enqueues the output, and records the op. Returns the output and,
    /// when the device finishes later, the event that says so.
    func execute(_ execution: Execution) throws(EngineError) -> (ArrayData, (any DeviceEvent)?)

    /// `data` (ready on this device) as host-addressable data: itself when the CPU can read this
    /// memory, otherwise a copy (recorded as a transfer on behalf of node `nodeID`).
    func hostData(_ data: ArrayData, shape: [Int], dtype: DType, transfer: TransferReporter?) throws(EngineError) -> ArrayData
}

/// Reports a copy a backend made on behalf of a consumer: direction, bytes, start and end times.
typealias TransferReporter = (TransferRecord.Direction, Int, UInt64, UInt64) -> Void

/// One node's run, with what the backend reports to the recorder.
struct Execution {
    let tensor: Tensor
    let node: Node
    /// Producers on other streams that must be complete first.
    let waits: [Fence]
    let cost: Cost
    let dispatched: UInt64
    let inline: Bool
    let recorder: (any EngineRecorder)?

    var shape: [Int] { tensor.shape }
    var dtype: DType { tensor.dtype }

    func recordOp(started: UInt64, finished: UInt64, error: EngineError? = nil) {
        guard let recorder else { return }
        recorder.record(
            .op(
                OpRecord(
                    nodeID: tensor.id, name: node.primitive.name, inputIDs: node.inputs.map(\.id),
                    streamIndex: node.stream.index, streamName: node.stream.name, device: node.stream.device,
                    shape: tensor.shape, dtype: tensor.dtype, bytes: cost.bytes, flops: cost.flops,
                    dispatched: dispatched, started: started, finished: finished, inline: inline,
                    error: error.map { "\($0)" }, fusedOps: node.primitive.containedOps)))
    }

    /// Blocks until the producers on other streams have run — and, with `onDevice`, finished on their
    /// device — recording each wait; then throws the first error an input's producer raised.
    func waitForProducers(onDevice: Bool) throws(EngineError) {
        for fence in waits {
            let started = recorder == nil ? 0 : EngineClock.now()
            if onDevice { try fence.wait() } else { fence.waitSubmitted() }
            recordWait(fence, started: started, finished: recorder == nil ? 0 : EngineClock.now())
        }
        let failure: EngineError? = Scheduler.lock.withLock {
            for input in node.inputs { if let error = input.error { return error } }
            return nil
        }
        if let failure { throw failure }
    }

    /// Each input as host-addressable data; inputs in device memory are copied (recorded as transfers).
    func hostInputs() throws(EngineError) -> [ArrayData] {
        // One lock for all inputs; copies only for those in device memory.
        var out: [ArrayData] = Scheduler.lock.withLock { node.inputs.map { $0.data! } }
        for (i, input) in node.inputs.enumerated() where !out[i].buffer.isHostAccessible {
            let backend = Runtime.shared.backend(for: out[i].buffer.device)
            out[i] = try backend.hostData(out[i], shape: input.shape, dtype: input.dtype, transfer: transferReporter(for: input.id))
        }
        return out
    }

    /// Where a backend reports a copy made for input `nodeID` of this node.
    func transferReporter(for nodeID: Int) -> TransferReporter? {
        guard recorder != nil else { return nil }
        return { direction, bytes, started, finished in
            recordTransfer(direction, bytes: bytes, nodeID: nodeID, started: started, finished: finished)
        }
    }

    /// A wait for `fence`'s producer (another stream) that lasted from `started` to `finished`.
    func recordWait(_ fence: Fence, started: UInt64, finished: UInt64) {
        guard let recorder else { return }
        recorder.record(
            .wait(
                WaitRecord(
                    streamIndex: node.stream.index, device: node.stream.device,
                    waitedForStreamIndex: fence.streamIndex, waitedForStream: fence.streamName,
                    producerNodeID: fence.nodeID, consumerNodeID: tensor.id, started: started, finished: finished)))
    }

    func recordTransfer(_ direction: TransferRecord.Direction, bytes: Int, nodeID: Int, started: UInt64, finished: UInt64) {
        guard let recorder else { return }
        recorder.record(
            .transfer(
                TransferRecord(
                    nodeID: nodeID, direction: direction, bytes: bytes, streamIndex: node.stream.index,
                    streamName: node.stream.name, device: node.stream.device, started: started, finished: finished)))
    }
}

extension OpenCLBackend {
    /// A fused kernel reads each input dense over the output or as one element; any other layout
    /// (a transposed view, a broadcast row) is first copied into output order, on the same queue.
    func denseForFusion(
        _ refs: [CLArrayRef], shape: [Int], queue: CLQueue, waitFor: inout [CLEvent], keepAlive: inout [AnyObject]
    ) throws(EngineError) -> [CLArrayRef] {
        let count = Shape.count(shape)
        var out: [CLArrayRef] = []
        var copies: [CLEvent] = []
        for ref in refs {
            if FusedSource.access(ref, count: count) != nil {
                out.append(ref)
                continue
            }
            let buffer = try pool.allocate(count * ref.dtype.size, op: "fused")
            keepAlive.append(buffer)
            let dense = CLArrayRef(rawHandle: buffer.memory.handle, shape: shape, dtype: ref.dtype)
            copies.append(try kernels.enqueue(.copy, inputs: [ref], output: dense, queue: queue, waitFor: waitFor))
            out.append(dense)
        }
        waitFor += copies
        return out
    }
}

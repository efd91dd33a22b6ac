/// Batched matmul with broadcast batch dimensions and any operand strides: the tuned sgemm where
/// the layout allows it, the general kernel otherwise.
extension Launch {
    func matmul(_ a: CLArrayRef, _ b: CLArrayRef, output: CLArrayRef) throws(EngineError) -> CLEvent {
        let args = try MatmulArguments(a, b, output: output, op: op)
        let tiles = SgemmTileChoice.resolve(for: kernels.device.info).tiles(m: args.m, n: args.n, batches: args.batchCount)
        if let event = try Sgemm.enqueue(
            args, a: a, b: b, output: output, tiles: tiles, kernels: kernels, queue: queue, waitFor: waitFor, op: op)
        {
            return event
        }
        return try GeneralMatmul.enqueue(args, a: a, b: b, output: output, kernels: kernels, queue: queue, waitFor: waitFor, op: op)
    }
}

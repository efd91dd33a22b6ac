/// The general matmul kernel's launch: every dtype, any strides (transposed, broadcast, odd
/// leading dimensions). The tuned float32 kernel falls back to it, and the tuner checks against it.
enum GeneralMatmul {
    static func enqueue(
        _ args: MatmulArguments, a: CLArrayRef, b: CLArrayRef, output: CLArrayRef, kernels: OpenCLKernels, queue: CLQueue,
        waitFor: [CLEvent], op: String
    ) throws(EngineError) -> CLEvent {
        let info = kernels.device.info
        let tiles = MatmulTiles.choose(
            isGPU: info.isGPU, maxWorkGroupSize: info.maxWorkGroupSize, localMemory: info.localMemory,
            elementSize: output.dtype == .int64 ? 8 : 4)
        let kernel = try kernels.kernel("matmul.\(output.dtype).\(tiles)", "matmul", queue: queue, op: op) {
            MatmulSource.program(output.dtype, tiles: tiles)
        }
        try kernel.set(0, memory: output.memory, op: op)
        try kernel.set(1, memory: a.memory, op: op)
        try kernel.set(2, memory: b.memory, op: op)
        try kernel.set(3, bytes: args.words, op: op)
        let local = tiles.localSize
        let global = [
            (args.n + tiles.tileN - 1) / tiles.tileN * local[0], (args.m + tiles.tileM - 1) / tiles.tileM * local[1],
            args.batchCount,
        ]
        return try kernel.enqueue(global: global, local: local + [1], queue: queue, waitFor: waitFor, op: op)
    }
}

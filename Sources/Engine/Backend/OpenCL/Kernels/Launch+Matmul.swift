/// Batched matmul with broadcast batch dimensions and any operand strides.
extension Launch {
    func matmul(_ a: CLArrayRef, _ b: CLArrayRef, output: CLArrayRef) throws(EngineError) -> CLEvent {
        let rank = output.shape.count
        guard rank >= 2, a.shape.count >= 2, b.shape.count >= 2 else {
            throw .shape(op, "expects operands of rank ≥ 2, got \(formatShape(a.shape)) × \(formatShape(b.shape))")
        }
        let m = output.shape[rank - 2]
        let n = output.shape[rank - 1]
        let k = a.shape[a.shape.count - 1]
        guard a.shape[a.shape.count - 2] == m, b.shape[b.shape.count - 1] == n, b.shape[b.shape.count - 2] == k else {
            throw .shape(op, "\(formatShape(a.shape)) × \(formatShape(b.shape)) does not give \(formatShape(output.shape))")
        }
        let batchShape = Array(output.shape[..<(rank - 2)])
        guard batchShape.count <= 8 else { throw .shape(op, "the OpenCL kernel takes at most 8 batch dimensions") }
        let aBatch = Loops.broadcastStrides(Array(a.shape.dropLast(2)), Array(a.strides.dropLast(2)), to: batchShape)
        let bBatch = Loops.broadcastStrides(Array(b.shape.dropLast(2)), Array(b.strides.dropLast(2)), to: batchShape)
        var words = [Int64](repeating: 0, count: 10 + 3 * 8)
        let head = [m, n, k, batchShape.count, a.offset, b.offset, a.strides[a.shape.count - 2], a.strides[a.shape.count - 1],
                    b.strides[b.shape.count - 2], b.strides[b.shape.count - 1]]
        for (i, v) in head.enumerated() { words[i] = Int64(v) }
        for d in batchShape.indices {
            words[10 + d] = Int64(batchShape[d])
            words[18 + d] = Int64(aBatch[d])
            words[26 + d] = Int64(bBatch[d])
        }
        let info = kernels.device.info
        let tiles = MatmulTiles.choose(
            isGPU: info.isGPU, maxWorkGroupSize: info.maxWorkGroupSize, localMemory: info.localMemory,
            elementSize: output.dtype == .int64 ? 8 : 4)
        let kernel = try kernel("matmul.\(output.dtype).\(tiles)", "matmul") { MatmulSource.program(output.dtype, tiles: tiles) }
        try kernel.set(0, memory: output.memory, op: op)
        try kernel.set(1, memory: a.memory, op: op)
        try kernel.set(2, memory: b.memory, op: op)
        try kernel.set(3, bytes: words, op: op)
        let local = tiles.localSize
        let global = [
            (n + tiles.tileN - 1) / tiles.tileN * local[0], (m + tiles.tileM - 1) / tiles.tileM * local[1],
            Shape.count(batchShape),
        ]
        return try kernel.enqueue(global: global, local: local + [1], queue: queue, waitFor: waitFor, op: op)
    }
}

/// The tuned float32 matmul's launch (`SgemmSource`), for operands whose rows are contiguous.
///
/// ```swift
/// if let event = try Sgemm.enqueue(args, a: a, b: b, output: c, tiles: tiles, kernels: kernels, queue: queue, waitFor: [], op: "matmul") { ... }
/// ```
/// Returns nil when the operands need the general kernel: another dtype, a transposed or strided
/// column, a product too small to fill a tile, tiles the device cannot run (group size, local
/// memory), or indices that do not fit the kernel's 32-bit arithmetic.
enum Sgemm {
    /// Below this many multiply-adds the general kernel's smaller tiles waste less.
    static let minimumWork = 16 * 16 * 16

    /// The kernel's `flags`: bit 0 when A's float4 loads are aligned, bit 1 when B's are.
    static func flags(_ args: MatmulArguments) -> Int32 {
        let aligned = { (values: [Int]) in values.allSatisfy { $0 % 4 == 0 } }
        return (aligned([args.aOffset, args.aRow] + args.aBatch) ? 1 : 0) | (aligned([args.bOffset, args.bRow] + args.bBatch) ? 2 : 0)
    }

    /// Whether the kernel computes this product correctly with these tiles (`force` skips the size heuristic).
    static func accepts(_ args: MatmulArguments, dtype: DType, tiles: SgemmTiles, force: Bool = false) -> Bool {
        let limit = Int(Int32.max) / 2
        guard dtype == .float32, args.aCol == 1, args.bCol == 1, args.aRow >= 0, args.bRow >= 0 else { return false }
        guard args.m < limit, args.n < limit, args.k < limit else { return false }
        let (aSpan, aOverflow) = args.aRow.multipliedReportingOverflow(by: tiles.tileM)
        let (bSpan, bOverflow) = args.bRow.multipliedReportingOverflow(by: tiles.tileK)
        guard !aOverflow, !bOverflow, aSpan < limit, bSpan < limit else { return false }
        if force { return true }
        let (work, overflow) = args.m.multipliedReportingOverflow(by: args.n)
        return overflow || work.multipliedReportingOverflow(by: args.k).overflow || work * args.k >= minimumWork
    }

    static func enqueue(
        _ args: MatmulArguments, a: CLArrayRef, b: CLArrayRef, output: CLArrayRef, tiles: SgemmTiles, kernels: OpenCLKernels,
        queue: CLQueue, waitFor: [CLEvent], op: String, force: Bool = false
    ) throws(EngineError) -> CLEvent? {
        let info = kernels.device.info
        guard a.dtype == .float32, b.dtype == .float32, tiles.fits(maxWorkGroupSize: info.maxWorkGroupSize, localMemory: info.localMemory),
            accepts(args, dtype: output.dtype, tiles: tiles, force: force)
        else { return nil }
        let kernel = try kernels.kernel("sgemm.\(tiles)", SgemmSource.kernelName, queue: queue, op: op) { SgemmSource.program(tiles) }
        try kernel.set(0, memory: output.memory, op: op)
        try kernel.set(1, memory: a.memory, op: op)
        try kernel.set(2, memory: b.memory, op: op)
        try kernel.set(3, bytes: args.words, op: op)
        try kernel.set(4, flags(args), op: op)
        let local = tiles.localSize
        let global = [
            (args.n + tiles.tileN - 1) / tiles.tileN * local[0], (args.m + tiles.tileM - 1) / tiles.tileM * local[1],
            args.batchCount,
        ]
        return try kernel.enqueue(global: global, local: local + [1], queue: queue, waitFor: waitFor, op: op)
    }
}

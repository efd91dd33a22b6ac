/// The tuned float32 matmul kernel alone, timed by OpenCL profiling events (from a held queue's
/// release to the kernel's end) on square products with the tiles the engine would pick for each size: the figure to set beside another library's kernel
/// timed the same way (`bench opencl` against CLBlast), free of per-op submission costs.
///
/// ```swift
/// let figures = try SgemmKernelTiming.measure(sizes: [1024, 4096], repeats: 5)
/// figures[0].tiles   // "64x128x16/8x4"
/// ```
public enum SgemmKernelTiming {
    public struct Figure: Sendable {
        public let size: Int
        public let tiles: String
        /// Best-of-`repeats` GFLOP/s; nil when the device gave no profiling times.
        public let gflops: Double?
    }

    public static func measure(gpu index: Int = 0, sizes: [Int], repeats: Int) throws(EngineError) -> [Figure] {
        guard sizes.allSatisfy({ (1...32768).contains($0) }), repeats >= 1 else {
            throw .argument("matmul timing", "sizes must be 1...32768 and repeats ≥ 1, got \(sizes), \(repeats)")
        }
        let bed = try OpenCLTestbed(gpu: index)
        let choice = SgemmTileChoice.resolve(for: bed.device.info)
        var out: [Figure] = []
        for n in sizes {
            let tiles = choice.tiles(m: n, n: n, batches: 1)
            let problem = try SquareProblem(bed: bed, m: n, n: n, k: n, seed: UInt64(n))
            try problem.launch(bed: bed, tiles: tiles).wait()
            var best = UInt64.max
            for _ in 0..<repeats { best = min(best, try bracketed(problem, tiles: tiles, bed: bed)) }
            out.append(Figure(size: n, tiles: "\(tiles)", gflops: best > 0 && best != .max ? problem.flops / Double(best) : nil))
        }
        return out
    }

    /// Nanoseconds from a marker enqueued just before the launch to the kernel's end, as
    /// `bench opencl` times CLBlast (which may run several kernels per call) and as CUDA events
    /// bracket cuBLAS in the Torch peer. No user-event gate: on NVIDIA a gated queue is submitted
    /// late (tens of µs), which the span would then count.
    static func bracketed(_ problem: SquareProblem, tiles: SgemmTiles, bed: OpenCLTestbed) throws(EngineError) -> UInt64 {
        let marker = try bed.queue.marker(waitFor: [], op: "matmul timing")
        let kernel = try problem.launch(bed: bed, tiles: tiles)
        try kernel.wait()
        let times = try kernel.profile
        // A driver without marker times: the kernel's own start, as CLBlast's side then does too.
        let opened = (try? marker.profile.ended).flatMap { $0 > 0 && $0 <= times.started ? $0 : nil } ?? times.started
        let ended = times.ended
        return ended &- opened
    }
}

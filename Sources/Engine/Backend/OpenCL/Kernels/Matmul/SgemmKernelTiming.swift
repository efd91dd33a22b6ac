/// The tuned float32 matmul kernel alone, timed by OpenCL profiling events on square products with
/// the tiles the engine would pick for each size: the figure to set beside another library's kernel
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
            let gflops = try SgemmTuner.measure(tiles, bed: bed, problems: [problem], repeats: repeats)[0]
            out.append(Figure(size: n, tiles: "\(tiles)", gflops: gflops))
        }
        return out
    }
}

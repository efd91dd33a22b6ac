/// Which tiles the float32 matmul uses on a device, and where they came from: this machine's tile
/// cache (`streamtop tune`), else the built-in table of tuned devices, else a default from the
/// device's limits. Resolved once per device per process.
///
/// ```swift
/// let choice = SgemmTileChoice.resolve(for: info)   // "64x64x16/8x8 (built-in table: ...)"
/// choice.tiles(m: 1024, n: 1024, batches: 1)         // the N<=1024 bucket's tiles, else `tiles`
/// ```
public struct SgemmTileChoice: Sendable, Equatable, CustomStringConvertible {
    public enum Source: Sendable, Equatable {
        case cache(String)
        case table(String)
        case deviceLimits
    }

    /// The tiles for a size bucket `bySize` lacks (and the best over all sizes where it was tuned).
    public let tiles: SgemmTiles
    public let source: Source
    /// Per size bucket, only tiles that fit the device.
    public let bySize: [SgemmSizeBucket: SgemmTiles]

    public init(tiles: SgemmTiles, source: Source, bySize: [SgemmSizeBucket: SgemmTiles] = [:]) {
        self.tiles = tiles
        self.source = source
        self.bySize = bySize
    }

    /// The tiles for one product: its size bucket's, else the nearest tuned bucket's, else `tiles`.
    public func tiles(m: Int, n: Int, batches: Int) -> SgemmTiles { tiles(for: SgemmSizeBucket(m: m, n: n, batches: batches)) }

    public func tiles(for bucket: SgemmSizeBucket) -> SgemmTiles { SgemmSizeBucket.nearest(bucket, in: bySize) ?? tiles }

    public var description: String {
        switch source {
        case .cache(let when): "\(tiles) (tuned here, \(when))"
        case .table(let measured): "\(tiles) (built-in table: \(measured))"
        case .deviceLimits: "\(tiles) (default from the device's limits; `streamtop tune` measures better)"
        }
    }

    /// One line per size bucket: "N<=1024: 64x128x16/8x4" (marked "(tuned)" where the bucket has its own entry).
    public var perBucket: [String] {
        SgemmSizeBucket.allCases.map { bucket in
            "\(bucket): \(tiles(for: bucket))" + (bySize[bucket] != nil ? " (tuned for this size)" : "")
        }
    }

    /// The order of precedence, as a pure function of its inputs (tested without a device). An
    /// entry that does not fit the device (another driver's limits, a hand-edited file) is skipped.
    static func resolve(
        deviceName: String, isGPU: Bool, maxWorkGroupSize: Int, localMemory: UInt64, cached: SgemmTileCache.Entry?
    ) -> SgemmTileChoice {
        let fits = { (tiles: SgemmTiles) in tiles.fits(maxWorkGroupSize: maxWorkGroupSize, localMemory: localMemory) }
        let fitting = { (map: [SgemmSizeBucket: SgemmTiles]) in map.filter { fits($0.value) } }
        if let cached, fits(cached.tiles) {
            return SgemmTileChoice(tiles: cached.tiles, source: .cache(cached.tuned), bySize: fitting(cached.buckets))
        }
        if let entry = SgemmTileTable.lookup(deviceName), fits(entry.tiles) {
            return SgemmTileChoice(tiles: entry.tiles, source: .table(entry.measured), bySize: fitting(entry.bySize))
        }
        return SgemmTileChoice(tiles: defaultTiles(isGPU: isGPU, maxWorkGroupSize: maxWorkGroupSize, localMemory: localMemory), source: .deviceLimits)
    }

    /// GPUs: the largest of 128×128 (256 items of 8×8), 64×64 (256 of 4×4 or 64 of 8×8) that fits.
    /// CPU devices run a group as a loop, so fewer items with more work each suit them. When nothing
    /// fits, the smallest is returned and `Sgemm` declines it (the general kernel runs).
    static func defaultTiles(isGPU: Bool, maxWorkGroupSize: Int, localMemory: UInt64) -> SgemmTiles {
        let gpu = [
            SgemmTiles(tileM: 128, tileN: 128, tileK: 16, workM: 8, workN: 8), SgemmTiles(tileM: 128, tileN: 128, tileK: 8, workM: 8, workN: 8),
            SgemmTiles(tileM: 64, tileN: 64, tileK: 16, workM: 4, workN: 4), SgemmTiles(tileM: 64, tileN: 64, tileK: 16, workM: 8, workN: 8),
        ]
        let cpu = [SgemmTiles(tileM: 64, tileN: 64, tileK: 32, workM: 4, workN: 16, vector: 16)]
        let last = [SgemmTiles(tileM: 32, tileN: 32, tileK: 8, workM: 4, workN: 4), SgemmTiles(tileM: 16, tileN: 16, tileK: 4, workM: 4, workN: 4)]
        let candidates = (isGPU ? gpu : cpu) + last
        return candidates.first { $0.fits(maxWorkGroupSize: maxWorkGroupSize, localMemory: localMemory) } ?? last[last.count - 1]
    }

    private static let lock = Lock()
    nonisolated(unsafe) private static var memo: [String: SgemmTileChoice] = [:]

    /// The choice for a device, memoised per device and driver.
    public static func resolve(for info: OpenCLDeviceInfo, cache: SgemmTileCache = SgemmTileCache()) -> SgemmTileChoice {
        let key = SgemmTileCache.key(deviceName: info.name, driverVersion: info.driverVersion)
        if let known = lock.withLock({ memo[key] }) { return known }
        let choice = resolve(
            deviceName: info.name, isGPU: info.isGPU, maxWorkGroupSize: info.maxWorkGroupSize, localMemory: info.localMemory,
            cached: cache.entry(key))
        lock.withLock { memo[key] = choice }
        return choice
    }
}

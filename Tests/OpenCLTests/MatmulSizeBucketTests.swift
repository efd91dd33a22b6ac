import Foundation
import Testing

@testable import Engine

/// Tiles per problem size: buckets by output area, the nearest tuned bucket, the per-bucket winner
/// of a sweep, and the cache and table carrying per-bucket entries — without a device.
@Suite("OpenCL matmul tiles per size bucket")
struct MatmulSizeBucketTests {
    static let wide = SgemmTiles(tileM: 64, tileN: 128, tileK: 16, workM: 8, workN: 4)
    static let big = SgemmTiles(tileM: 128, tileN: 128, tileK: 8, workM: 8, workN: 8)
    static let small = SgemmTiles(tileM: 32, tileN: 32, tileK: 8, workM: 4, workN: 4)

    @Test("buckets go by √(M·N·batches), edges inclusive")
    func buckets() {
        #expect(SgemmSizeBucket(side: 1) == .upTo1024)
        #expect(SgemmSizeBucket(side: 1024) == .upTo1024)
        #expect(SgemmSizeBucket(side: 1025) == .upTo2048)
        #expect(SgemmSizeBucket(side: 2048) == .upTo2048)
        #expect(SgemmSizeBucket(side: 4096) == .upTo4096)
        #expect(SgemmSizeBucket(side: 4097) == .above4096)
        #expect(SgemmSizeBucket(m: 1024, n: 1024, batches: 1) == .upTo1024)
        // 8 × 1024² outputs = 2896² (as many work-groups as one 2896² product).
        #expect(SgemmSizeBucket(m: 1024, n: 1024, batches: 8) == .upTo4096)
        // 4096 × 64: 512² outputs, however long the side.
        #expect(SgemmSizeBucket(m: 4096, n: 64, batches: 1) == .upTo1024)
        #expect(SgemmSizeBucket(m: 0, n: 5, batches: 0) == .upTo1024)
        #expect(SgemmSizeBucket(m: 8192, n: 8192, batches: 1) == .above4096)
    }

    @Test("a missing bucket takes the nearest tuned one, the larger on a tie")
    func nearest() {
        let map: [SgemmSizeBucket: SgemmTiles] = [.upTo1024: Self.small, .upTo4096: Self.big]
        #expect(SgemmSizeBucket.nearest(.upTo1024, in: map) == Self.small)
        #expect(SgemmSizeBucket.nearest(.upTo2048, in: map) == Self.big)  // one step from both
        #expect(SgemmSizeBucket.nearest(.above4096, in: map) == Self.big)
        #expect(SgemmSizeBucket.nearest(.upTo4096, in: [.upTo1024: Self.small]) == Self.small)
        #expect(SgemmSizeBucket.nearest(.upTo1024, in: [:]) == nil)
    }

    @Test("the H200's table entry: 64×128 tiles at N ≤ 1024, 128×256 at 2048, 128×128 from 4096 on")
    func tableChoice() {
        let choice = SgemmTileChoice.resolve(deviceName: "NVIDIA H200", isGPU: true, maxWorkGroupSize: 1024, localMemory: 48 << 10, cached: nil)
        #expect(choice.tiles(m: 1024, n: 1024, batches: 1) == Self.wide)
        #expect(choice.tiles(m: 2048, n: 2048, batches: 1) == SgemmTiles(tileM: 128, tileN: 256, tileK: 8, workM: 8, workN: 16))
        #expect(choice.tiles(m: 4096, n: 4096, batches: 1) == Self.big)
        #expect(choice.tiles(m: 8192, n: 8192, batches: 1) == Self.big)
        #expect(choice.perBucket.count == SgemmSizeBucket.allCases.count)
        #expect(choice.perBucket[0] == "N<=1024: 64x128x16/8x4 (tuned for this size)")
        for entry in SgemmTileTable.entries {
            for (bucket, tiles) in entry.bySize { #expect(tiles.problem == nil, "\(entry.nameContains) \(bucket)") }
        }
    }

    @Test("a cached entry's buckets win; buckets that do not fit the device are dropped")
    func cacheChoice() {
        let entry = SgemmTileCache.Entry(
            tiles: Self.small, gflops: [:], tuned: "t", bySize: ["N<=1024": Self.wide, "N>4096": Self.big, "N<=99999": Self.big])
        #expect(entry.buckets == [.upTo1024: Self.wide, .above4096: Self.big])
        let roomy = SgemmTileChoice.resolve(deviceName: "GPU", isGPU: true, maxWorkGroupSize: 1024, localMemory: 48 << 10, cached: entry)
        #expect(roomy.source == .cache("t"))
        #expect(roomy.tiles(m: 500, n: 700, batches: 1) == Self.wide)
        #expect(roomy.tiles(m: 3000, n: 3000, batches: 1) == Self.big)  // nearest: N>4096
        // 20 KiB of local memory: 64×128×16 needs 2·16·(68+128)·4 = 25,088 bytes and is dropped;
        // 128×128×8 needs 2·8·(132+128)·4 = 16,640 and stays, so it now serves small sizes too.
        let tight = SgemmTileChoice.resolve(deviceName: "GPU", isGPU: true, maxWorkGroupSize: 1024, localMemory: 20 << 10, cached: entry)
        #expect(tight.bySize == [.above4096: Self.big])
        #expect(tight.tiles(m: 500, n: 700, batches: 1) == Self.big)
    }

    @Test("per-bucket entries survive the cache file; an older file without them still reads")
    func cacheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamtop-buckets-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = SgemmTileCache(file: folder.appendingPathComponent("tiles.json"))
        let entry = SgemmTileCache.Entry(tiles: Self.wide, gflops: ["1024": 1], tuned: "t", bySize: ["N<=2048": Self.big])
        try cache.store(entry, for: "Dev | 1")
        #expect(cache.entry("Dev | 1") == entry)
        let legacy = #"{"k": {"tiles": {"tileM": 32, "tileN": 32, "tileK": 8, "workM": 4, "workN": 4}, "gflops": {}, "tuned": "old"}}"#
        try Data(legacy.utf8).write(to: cache.file!)
        #expect(cache.entry("k")?.bySize == nil)
        #expect(cache.entry("k")?.buckets == [:])
    }

    @Test("each bucket's winner is scored on that bucket's sizes alone")
    func bestBySize() {
        typealias Row = SgemmTuneReport.Row
        let sizes = [1024, 2048, 4096, 8192]
        let rows = [
            Row(name: "general", gflops: [900, 900, 900, 900], problem: nil),
            Row(name: "wide", gflops: [30, 37, 38, 38], problem: nil),
            Row(name: "big", gflops: [18, 40, 41, 41], problem: nil),
            Row(name: "broken", gflops: [99, 99, nil, nil], problem: "wrong result"),
            Row(name: "partial", gflops: [nil, 45, 20, nil], problem: nil),
        ]
        let best = SgemmTuneReport.pickBestBySize(rows, sizes: sizes)
        #expect(best == [.upTo1024: "wide", .upTo2048: "partial", .upTo4096: "big", .above4096: "big"])
        // Two sizes in one bucket: geometric mean over both (wide √(30·37) ≈ 33.3 > big √(18·40) ≈ 26.8).
        #expect(SgemmTuneReport.pickBestBySize(Array(rows[0...2]), sizes: [800, 1000, 2000, 3000]) == [.upTo1024: "wide", .upTo2048: "big", .upTo4096: "big"])
        // Over all four sizes the wide tiles win (geometric mean 35.6 against 33.2): one choice for
        // every size would give up 8% at N ≥ 2048 for 65% at N = 1024.
        #expect(SgemmTuneReport.pickBest(rows) == "wide")
    }
}

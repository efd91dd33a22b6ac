import Foundation
import Testing

@testable import Engine

/// Tile descriptions, device limits, the cache file and the order in which tiles are chosen —
/// all without a device, against values worked out by hand.
@Suite("OpenCL matmul tiles: parsing, limits, cache, choice")
struct MatmulTuningChoiceTests {
    static let big = SgemmTiles(tileM: 128, tileN: 128, tileK: 16, workM: 8, workN: 8)

    @Test("descriptions round-trip; malformed text and impossible shapes are refused with a reason")
    func parsing() {
        #expect(Self.big.description == "128x128x16/8x8")
        #expect(SgemmTiles(parsing: "128x128x16/8x8") == Self.big)
        #expect(SgemmTiles(parsing: "32x64x8/4x8") == SgemmTiles(tileM: 32, tileN: 64, tileK: 8, workM: 4, workN: 8))
        let wide = SgemmTiles(tileM: 64, tileN: 64, tileK: 32, workM: 4, workN: 16, vector: 16)
        #expect(wide.description == "64x64x32/4x16v16")
        #expect(SgemmTiles(parsing: "64x64x32/4x16v16") == wide)
        #expect(wide.problem == nil)
        #expect(SgemmTiles(parsing: "64x64x32/4x8v16")?.problem == "the vector width must be 4, 8 or 16 and divide workN")
        #expect(SgemmTiles(parsing: "64x64x32/4x16v12")?.problem == "the vector width must be 4, 8 or 16 and divide workN")
        for bad in ["", "64x64x32/4x16v", "64x64x32/4x16v16v4", "128x128/8x8", "128x128x16", "axbxc/dxe", "128x128x16/8x8/1"] { #expect(SgemmTiles(parsing: bad) == nil, "\(bad)") }
        #expect(Self.big.problem == nil)
        #expect(SgemmTiles(parsing: "48x48x16/6x6")?.problem == "register tiles must be multiples of 4")
        #expect(SgemmTiles(parsing: "64x64x6/8x8")?.problem == "tileK must be a multiple of 4")
        #expect(SgemmTiles(parsing: "64x60x16/8x8")?.problem == "tiles must be multiples of the register tiles")
        // 256 work-items, but a 64×4 slice of A is only 64 float4s.
        #expect(SgemmTiles(parsing: "64x64x4/4x4")?.problem?.contains("256 work-items") == true)
        #expect(SgemmTiles(parsing: "0x64x4/4x4")?.problem == "sizes must be positive")
    }

    @Test("group size and local memory from the tile shape")
    func limits() {
        #expect(Self.big.groupSize == 256)
        #expect(Self.big.localSize == [16, 16])
        // Two buffers × 16 deep × (132 padded rows of A + 128 columns of B) × 4 bytes.
        #expect(Self.big.localBytes == 2 * 16 * 260 * 4)
        #expect(Self.big.fits(maxWorkGroupSize: 1024, localMemory: 48 << 10))
        #expect(!Self.big.fits(maxWorkGroupSize: 128, localMemory: 48 << 10))
        #expect(!Self.big.fits(maxWorkGroupSize: 1024, localMemory: 32 << 10))
        let oblong = SgemmTiles(tileM: 32, tileN: 64, tileK: 8, workM: 4, workN: 8)
        #expect(oblong.localSize == [8, 8])
    }

    @Test("the cache is read first, then the built-in table, then the device's limits")
    func precedence() {
        let tuned = SgemmTileCache.Entry(tiles: SgemmTiles(tileM: 64, tileN: 128, tileK: 8, workM: 8, workN: 8), gflops: [:], tuned: "t")
        let h200 = "NVIDIA H200"
        let fromCache = SgemmTileChoice.resolve(deviceName: h200, isGPU: true, maxWorkGroupSize: 1024, localMemory: 48 << 10, cached: tuned)
        #expect(fromCache == SgemmTileChoice(tiles: tuned.tiles, source: .cache("t")))

        let fromTable = SgemmTileChoice.resolve(deviceName: h200, isGPU: true, maxWorkGroupSize: 1024, localMemory: 48 << 10, cached: nil)
        // The H200's entry, as `streamtop tune` chose it on the lent machine.
        #expect(fromTable.tiles == SgemmTiles(tileM: 64, tileN: 128, tileK: 16, workM: 8, workN: 4))
        guard case .table = fromTable.source else { Issue.record("expected the table, got \(fromTable)"); return }

        // A cached entry that does not fit this device (a 64-item limit) is skipped, and so is the
        // table's 256-item entry: the default comes from the limits.
        let small = SgemmTileChoice.resolve(deviceName: h200, isGPU: true, maxWorkGroupSize: 64, localMemory: 48 << 10, cached: tuned)
        #expect(small == SgemmTileChoice(tiles: SgemmTiles(tileM: 64, tileN: 64, tileK: 16, workM: 8, workN: 8), source: .deviceLimits))

        let unknownGPU = SgemmTileChoice.resolve(deviceName: "Some GPU", isGPU: true, maxWorkGroupSize: 1024, localMemory: 64 << 10, cached: nil)
        #expect(unknownGPU == SgemmTileChoice(tiles: Self.big, source: .deviceLimits))
        // 32 KiB of local memory: 128×128×16 needs 33,280 bytes, 128×128×8 half that.
        let tightGPU = SgemmTileChoice.resolve(deviceName: "Some GPU", isGPU: true, maxWorkGroupSize: 1024, localMemory: 32 << 10, cached: nil)
        #expect(tightGPU.tiles == SgemmTiles(tileM: 128, tileN: 128, tileK: 8, workM: 8, workN: 8))
        let unknownCPU = SgemmTileChoice.resolve(deviceName: "Some CPU", isGPU: false, maxWorkGroupSize: 4096, localMemory: 1 << 20, cached: nil)
        #expect(unknownCPU.tiles == SgemmTiles(tileM: 64, tileN: 64, tileK: 32, workM: 4, workN: 16, vector: 16))
    }

    @Test("the table matches device names by case-insensitive substring, first entry first")
    func table() {
        #expect(SgemmTileTable.lookup("NVIDIA H200 NVL")?.nameContains == "H200")
        #expect(SgemmTileTable.lookup("nvidia h200")?.nameContains == "H200")
        #expect(SgemmTileTable.lookup("pthread-skylake-avx512-AMD EPYC")?.nameContains == "pthread")
        #expect(SgemmTileTable.lookup("Intel(R) Arc(TM) A770") == nil)
        for entry in SgemmTileTable.entries { #expect(entry.tiles.problem == nil, "\(entry.nameContains)") }
    }

    @Test("the cache file keeps one entry per device and driver; a broken file reads as empty")
    func cacheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamtop-tiles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = SgemmTileCache(file: folder.appendingPathComponent("sub/matmul-tiles.json"))
        #expect(cache.entries().isEmpty)
        let one = SgemmTileCache.Entry(tiles: Self.big, gflops: ["1024": 12.5], tuned: "first")
        let two = SgemmTileCache.Entry(tiles: SgemmTiles(tileM: 32, tileN: 32, tileK: 8, workM: 4, workN: 4), gflops: [:], tuned: "second")
        let keyOne = SgemmTileCache.key(deviceName: "Dev", driverVersion: "1.0")
        #expect(keyOne == "Dev | 1.0")
        try cache.store(one, for: keyOne)
        try cache.store(two, for: SgemmTileCache.key(deviceName: "Dev", driverVersion: "2.0"))
        #expect(cache.entry(keyOne) == one)
        #expect(cache.entry("Dev | 2.0") == two)
        #expect(cache.entries().count == 2)
        // An entry written without a vector width reads as width 4.
        let legacy = #"{"k": {"tiles": {"tileM": 32, "tileN": 32, "tileK": 8, "workM": 4, "workN": 4}, "gflops": {}, "tuned": "old"}}"#
        try Data(legacy.utf8).write(to: cache.file!)
        #expect(cache.entry("k")?.tiles == SgemmTiles(tileM: 32, tileN: 32, tileK: 8, workM: 4, workN: 4, vector: 4))
        try Data("not json".utf8).write(to: cache.file!)
        #expect(cache.entries().isEmpty)
        let nowhere = SgemmTileCache(file: nil)
        #expect(throws: EngineError.self) { try nowhere.store(one, for: keyOne) }
    }

    @Test("the sweep includes the H200's shapes and only what fits the device")
    func candidates() {
        let h200 = SgemmTuner.candidates(isGPU: true, quick: false, maxWorkGroupSize: 1024, localMemory: 48 << 10)
        #expect(h200.contains(Self.big))
        #expect(h200.contains(SgemmTiles(tileM: 128, tileN: 128, tileK: 8, workM: 8, workN: 8)))
        #expect(h200.allSatisfy { $0.problem == nil && $0.fits(maxWorkGroupSize: 1024, localMemory: 48 << 10) })
        #expect(Set(h200).count == h200.count)
        let quick = SgemmTuner.candidates(isGPU: true, quick: true, maxWorkGroupSize: 1024, localMemory: 48 << 10)
        #expect(quick.contains(Self.big) && quick.count < h200.count)
        let small = SgemmTuner.candidates(isGPU: true, quick: false, maxWorkGroupSize: 128, localMemory: 16 << 10)
        #expect(!small.isEmpty && small.allSatisfy { $0.groupSize <= 128 && $0.localBytes <= 16 << 10 })
    }

    @Test("the best row has the highest geometric mean; dropped or incomplete rows never win")
    func best() {
        typealias Row = SgemmTuneReport.Row
        let rows = [
            Row(name: "general", gflops: [100, 100], problem: nil),
            Row(name: "a", gflops: [20, 80], problem: nil),  // √1600 = 40
            Row(name: "b", gflops: [50, 30], problem: nil),  // √1500 ≈ 38.7
            Row(name: "c", gflops: [90, nil], problem: nil),
            Row(name: "d", gflops: [nil, nil], problem: "wrong result"),
        ]
        #expect(abs(SgemmTuneReport.score(rows[1])! - 40) < 1e-9)
        #expect(SgemmTuneReport.score(rows[3]) == nil)
        #expect(SgemmTuneReport.pickBest(rows) == "a")
        #expect(SgemmTuneReport.pickBest([rows[0], rows[4]]) == nil)
    }

    @Test("the tuner's check accepts rounding and refuses a wrong element")
    func check() {
        let expected: [Float] = [1, -2, 3.5, 80]
        #expect(SgemmTuner.compare([1.000_01, -2, 3.5, 80.0005], expected, k: 100) == nil)
        #expect(SgemmTuner.compare([1, -2, 3.6, 80], expected, k: 100)?.contains("element 2") == true)
        #expect(SgemmTuner.compare([1, -2], expected, k: 100) != nil)
        #expect(SgemmTuner.compare([1, -2, .nan, 80], expected, k: 100) != nil)
    }
}

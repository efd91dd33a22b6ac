import Foundation
import Testing

@testable import Engine

private var gpuAvailable: Bool { (try? OpenCLTestbed.shared.get()) != nil }

/// The tuned float32 matmul (`SgemmSource`) against a naive Double triple loop, on sizes that are
/// not multiples of any tile, ones, K = 0, batches with broadcast, and sliced operands whose
/// float4 loads are aligned or not. Several tile shapes (square, oblong, 4×4 to 4×16 register
/// tiles, vectors of 4, 8 and 16) so an index mix-up between M and N cannot hide behind symmetry.
@Suite("OpenCL tuned matmul", .serialized, .enabled(if: gpuAvailable, "no OpenCL device"))
struct MatmulTuningKernelTests {
    /// The last four are the tiles the built-in table picks: the H200's per size bucket and PoCL's.
    static let tileShapes = [
        "16x16x4/4x4", "32x64x8/4x8", "64x64x16/8x8", "32x64x16/4x16v16", "32x32x8/4x8v8", "64x128x16/8x4", "128x256x8/8x16",
        "128x128x8/8x8", "128x128x64/4x16v16",
    ]

    /// (name, A, B) with A and B as (shape, strides, offset).
    static func operands(_ rng: inout SplitMix) -> [(String, HostOperand, HostOperand)] {
        func c(_ shape: [Int]) -> HostOperand { HostOperand(contiguous: shape, rng: &rng) }
        func v(_ shape: [Int], _ strides: [Int], _ offset: Int) -> HostOperand {
            HostOperand(shape: shape, strides: strides, offset: offset, rng: &rng)
        }
        return [
            ("edges, scalar loads", c([67, 37]), c([37, 45])),
            ("edges, float4 loads", c([68, 36]), c([36, 44])),
            ("whole tiles", c([64, 64]), c([64, 64])),
            ("1×1×1", c([1, 1]), c([1, 1])),
            ("one row", c([1, 20]), c([20, 33])),
            ("one column", c([20, 9]), c([9, 1])),
            ("K = 1", c([13, 1]), c([1, 18])),
            ("K = 0", c([5, 0]), c([0, 7])),
            ("batched, A's batch broadcast", c([3, 1, 20, 12]), c([2, 12, 24])),
            ("batched, B stride 0", c([3, 21, 12]), v([3, 12, 24], [0, 24, 1], 0)),
            ("sliced rows, unaligned A", v([30, 17], [21, 1], 3), v([17, 40], [44, 1], 4)),
            ("sliced rows, aligned", v([36, 20], [24, 1], 8), v([20, 40], [44, 1], 4)),
        ]
    }

    @Test("matches the naive product", arguments: tileShapes)
    func matchesReference(_ shape: String) throws {
        let tiles = try #require(SgemmTiles(parsing: shape))
        #expect(tiles.problem == nil)
        let testbed = try OpenCLTestbed.shared.get()
        var rng = SplitMix(name: "sgemm \(shape)")
        for (name, a, b) in Self.operands(&rng) {
            let actual = try #require(try MatmulHarness.sgemm(a, b, tiles: tiles, on: testbed), "\(name): declined")
            let problems = ReferenceProduct(a, b).mismatches(actual)
            #expect(problems.isEmpty, "\(shape) \(name): \(problems.joined(separator: "; "))")
        }
    }

    @Test("declines what it cannot compute: transposed or strided columns, other dtypes")
    func declines() throws {
        let testbed = try OpenCLTestbed.shared.get()
        let tiles = SgemmTiles(tileM: 16, tileN: 16, tileK: 4, workM: 4, workN: 4)
        var rng = SplitMix(name: "sgemm declines")
        let a = HostOperand(contiguous: [20, 12], rng: &rng)
        let transposedB = HostOperand(shape: [12, 24], strides: [1, 12], rng: &rng)
        let stridedA = HostOperand(shape: [20, 12], strides: [24, 2], rng: &rng)
        let b = HostOperand(contiguous: [12, 24], rng: &rng)
        #expect(try MatmulHarness.sgemm(a, transposedB, tiles: tiles, on: testbed) == nil)
        #expect(try MatmulHarness.sgemm(stridedA, b, tiles: tiles, on: testbed) == nil)
        let args = try MatmulArguments(
            CLArrayRef(memory: OpaquePointer(bitPattern: 1)!, shape: [20, 12], dtype: .float16),
            CLArrayRef(memory: OpaquePointer(bitPattern: 1)!, shape: [12, 24], dtype: .float16),
            output: CLArrayRef(memory: OpaquePointer(bitPattern: 1)!, shape: [20, 24], dtype: .float16), op: "matmul")
        #expect(!Sgemm.accepts(args, dtype: .float16, tiles: tiles, force: true))
        #expect(Sgemm.accepts(args, dtype: .float32, tiles: tiles, force: true))
    }

    @Test("the engine's matmul gives the naive product whichever kernel it picks")
    func engineLaunch() throws {
        let testbed = try OpenCLTestbed.shared.get()
        var rng = SplitMix(name: "sgemm engine")
        let cases = [
            (HostOperand(contiguous: [100, 72], rng: &rng), HostOperand(contiguous: [72, 96], rng: &rng)),
            (HostOperand(contiguous: [2, 70, 33], rng: &rng), HostOperand(contiguous: [33, 65], rng: &rng)),
            (HostOperand(shape: [40, 30], strides: [1, 40], rng: &rng), HostOperand(shape: [30, 50], strides: [1, 30], rng: &rng)),
            (HostOperand(contiguous: [3, 5], rng: &rng), HostOperand(contiguous: [5, 2], rng: &rng)),
        ]
        for (a, b) in cases {
            let actual = try #require(try MatmulHarness.engine(a, b, on: testbed))
            let problems = ReferenceProduct(a, b).mismatches(actual)
            #expect(problems.isEmpty, "\(a.shape) × \(b.shape): \(problems.joined(separator: "; "))")
        }
    }

    @Test("a sweep checks, times, picks and stores its winner for this device and driver")
    func sweep() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("streamtop-tune-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = SgemmTileCache(file: folder.appendingPathComponent("matmul-tiles.json"))
        let tiles = SgemmTiles(tileM: 16, tileN: 16, tileK: 4, workM: 4, workN: 4)
        var lines: [String] = []
        let report = try SgemmTuner.run(gpu: 0, sizes: [64, 96], quick: true, repeats: 2, only: [tiles], cache: cache) { lines.append($0) }
        #expect(report.rows.map(\.name) == ["general", "\(tiles)"])
        #expect(report.rows.allSatisfy { $0.problem == nil && $0.gflops.count == 2 && $0.gflops.allSatisfy { ($0 ?? 0) > 0 } })
        #expect(report.best == "\(tiles)")
        #expect(lines.count == 3)
        let testbed = try OpenCLTestbed.shared.get()
        let key = SgemmTileCache.key(deviceName: testbed.device.info.name, driverVersion: testbed.device.info.driverVersion)
        let stored = try #require(cache.entry(key))
        #expect(stored.tiles == tiles)
        #expect(stored.gflops.keys.sorted() == ["64", "96"])
        #expect(report.storedIn == cache.file?.path)
        #expect(throws: EngineError.self) { try SgemmTuner.run(sizes: [0], quick: true, store: false) }
    }
}

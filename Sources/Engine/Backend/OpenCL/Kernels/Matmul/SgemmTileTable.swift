import Foundation

/// Tiles measured by `streamtop tune` on known devices, consulted when this machine's tile cache
/// has no entry. To add a device: run `streamtop tune` on it and copy the "best" lines here.
/// The first entry whose `nameContains` occurs in the device name (case-insensitive) wins.
enum SgemmTileTable {
    struct Entry: Sendable {
        let nameContains: String
        /// The best over all sizes: used for a size bucket `bySize` lacks (nearest bucket first).
        let tiles: SgemmTiles
        /// The fastest per size bucket, where tuning found one faster than `tiles`.
        let bySize: [SgemmSizeBucket: SgemmTiles]
        /// Where the figure comes from (device, date), shown by `streamtop devices`.
        let measured: String

        init(nameContains: String, tiles: SgemmTiles, bySize: [SgemmSizeBucket: SgemmTiles] = [:], measured: String) {
            self.nameContains = nameContains
            self.tiles = tiles
            self.bySize = bySize
            self.measured = measured
        }
    }

    static let entries: [Entry] = [
        // NVIDIA H200 (132 SMs, 48 KiB local per group), driver 580.159.04: `streamtop tune --sizes
        // 1024,2048,4096,8192` 2026-12-03 (51 configurations, profiling events), best per size bucket:
        // 29.6 / 40.9 / 41.5 / 42.0 TFLOP/s. 64x128x16/8x4 makes 128 groups at N = 1024 (every SM busy),
        // where 128x128 tiles make 64 and run at half speed; from 2048 on the larger tiles win. A second
        // tune (04:05 UTC) agreed but for N <= 4096, where 128x256x8/8x16 led 128x128x8/8x8 by 0.1%; a third
        // (04:16 UTC, the run in BENCHMARKS.md) chose exactly this table.
        Entry(
            nameContains: "H200", tiles: SgemmTiles(tileM: 64, tileN: 128, tileK: 16, workM: 8, workN: 4),
            bySize: [
                .upTo1024: SgemmTiles(tileM: 64, tileN: 128, tileK: 16, workM: 8, workN: 4),
                .upTo2048: SgemmTiles(tileM: 128, tileN: 256, tileK: 8, workM: 8, workN: 16),
                .upTo4096: SgemmTiles(tileM: 128, tileN: 128, tileK: 8, workM: 8, workN: 8),
                .above4096: SgemmTiles(tileM: 128, tileN: 128, tileK: 8, workM: 8, workN: 8),
            ],
            measured: "streamtop tune on the lent H200, 2026-12-03"),
        // PoCL's CPU device on the 2-core AVX-512 development machines: `streamtop tune --sizes 256,512,1024`
        // 2026-12-03, 78 configurations on a loaded machine: 71.7 / 81.7 / 78.4 GFLOP/s (64x64x32/4x16v16,
        // the entry before: 44.4 / 52.5 / 39.4 in the same sweep). Deep K-slices and wide rows suit a CPU:
        // fewer barriers, each of which ends PoCL's work-item loop.
        Entry(
            nameContains: "pthread", tiles: SgemmTiles(tileM: 128, tileN: 128, tileK: 64, workM: 4, workN: 16, vector: 16),
            bySize: [.upTo1024: SgemmTiles(tileM: 128, tileN: 128, tileK: 64, workM: 4, workN: 16, vector: 16)],
            measured: "streamtop tune on PoCL 3.1, 2-core AVX-512, 2026-12-03"),
    ]

    static func lookup(_ deviceName: String) -> Entry? {
        entries.first { deviceName.range(of: $0.nameContains, options: .caseInsensitive) != nil }
    }
}

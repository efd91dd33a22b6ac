import Foundation

/// Tiles measured by `streamtop tune` on known devices, consulted when this machine's tile cache
/// has no entry. To add a device: run `streamtop tune` on it and copy the "best" line here.
/// The first entry whose `nameContains` occurs in the device name (case-insensitive) wins.
enum SgemmTileTable {
    struct Entry: Sendable {
        let nameContains: String
        let tiles: SgemmTiles
        /// Where the figure comes from (device, date), shown by `streamtop devices`.
        let measured: String
    }

    static let entries: [Entry] = [
        // NVIDIA H200 (132 SMs, 48 KiB local per group): the shape of the fastest SIMT sgemm kernels
        // on Hopper and Ampere, until `streamtop tune` on the lent machine replaces it.
        Entry(nameContains: "H200", tiles: SgemmTiles(tileM: 128, tileN: 128, tileK: 16, workM: 8, workN: 8), measured: "unmeasured default for Hopper"),
        // PoCL's CPU device on the 2-core AVX-512 development machines: `streamtop tune` 2026-12-02,
        // 53–60 GFLOP/s at N = 512–1024 on a loaded machine (CLBlast 10–18 beside it, wall clock).
        Entry(
            nameContains: "pthread", tiles: SgemmTiles(tileM: 64, tileN: 64, tileK: 32, workM: 4, workN: 16, vector: 16),
            measured: "streamtop tune on PoCL 3.1, 2-core AVX-512, 2026-12-02"),
    ]

    static func lookup(_ deviceName: String) -> Entry? {
        entries.first { deviceName.range(of: $0.nameContains, options: .caseInsensitive) != nil }
    }
}

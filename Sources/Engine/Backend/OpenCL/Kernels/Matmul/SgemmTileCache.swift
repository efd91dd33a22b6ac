import Foundation

/// The tiles `streamtop tune` measured on this machine, one entry per device and driver, in
/// `$XDG_CACHE_HOME/streamtop/matmul-tiles.json` (else `~/.cache/streamtop/`). A missing or
/// unreadable file is an empty cache: tuning only ever costs speed, never correctness.
public struct SgemmTileCache: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        /// The best over all tuned sizes (geometric mean): used where `bySize` has no bucket.
        public let tiles: SgemmTiles
        /// GFLOP/s per size when tuned, for the record.
        public let gflops: [String: Double]
        public let tuned: String
        /// The best per size bucket (`SgemmSizeBucket.rawValue` → tiles); absent in older files.
        public let bySize: [String: SgemmTiles]?

        public init(tiles: SgemmTiles, gflops: [String: Double], tuned: String, bySize: [String: SgemmTiles]? = nil) {
            self.tiles = tiles
            self.gflops = gflops
            self.tuned = tuned
            self.bySize = bySize
        }

        /// `bySize` with its keys parsed; unknown keys (a newer file) are skipped.
        var buckets: [SgemmSizeBucket: SgemmTiles] {
            var out: [SgemmSizeBucket: SgemmTiles] = [:]
            for (key, tiles) in bySize ?? [:] { if let bucket = SgemmSizeBucket(rawValue: key) { out[bucket] = tiles } }
            return out
        }
    }

    public let file: URL?

    public init(file: URL? = SgemmTileCache.defaultFile) { self.file = file }

    public static var defaultFile: URL? {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("streamtop/matmul-tiles.json")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache/streamtop/matmul-tiles.json")
        }
        return nil
    }

    /// "device name | driver version": tiles tuned under one driver may not suit another.
    public static func key(deviceName: String, driverVersion: String) -> String { "\(deviceName) | \(driverVersion)" }

    public func entries() -> [String: Entry] {
        guard let file, let data = try? Data(contentsOf: file) else { return [:] }
        return (try? JSONDecoder().decode([String: Entry].self, from: data)) ?? [:]
    }

    public func entry(_ key: String) -> Entry? { entries()[key] }

    /// Adds or replaces `key`'s entry, keeping the others; throws with the path when it cannot write.
    public func store(_ entry: Entry, for key: String) throws(EngineError) {
        guard let file else { throw EngineError(op: "tune", kind: .argument, "no cache folder: neither XDG_CACHE_HOME nor HOME is set") }
        var all = entries()
        all[key] = entry
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(all).write(to: file, options: .atomic)
        } catch {
            throw EngineError(op: "tune", kind: .argument, "cannot write the tile cache \(file.path): \(error.localizedDescription)")
        }
    }
}

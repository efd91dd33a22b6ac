import Foundation

/// What `streamtop tune` measured on one device: GFLOP/s per tile configuration and size (the
/// general kernel first, as the baseline), the winner, and where it was stored.
public struct SgemmTuneReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        /// A tile description ("128x128x16/8x8"), or "general" for the untuned kernel.
        public let name: String
        /// Best-of-N GFLOP/s per size, in `sizes` order; nil where it did not run.
        public let gflops: [Double?]
        /// Why the configuration was dropped (build failure, launch refused, wrong result), or nil.
        public let problem: String?
    }

    public let device: String
    public let driver: String
    public let sizes: [Int]
    public let repeats: Int
    public var rows: [Row]
    /// The fastest correct configuration by geometric mean over sizes.
    public var best: String?
    /// The fastest correct configuration per size bucket the sizes fall in (`SgemmSizeBucket.rawValue`
    /// → tile name), by geometric mean over that bucket's sizes.
    public var bestBySize: [String: String]?
    /// The tile cache written, or nil when not stored.
    public var storedIn: String?

    /// Geometric mean of a row's figures, nil when any size is missing.
    public static func score(_ row: Row) -> Double? {
        guard row.problem == nil, !row.gflops.isEmpty else { return nil }
        var logSum = 0.0
        for value in row.gflops {
            guard let value, value > 0 else { return nil }
            logSum += log(value)
        }
        return exp(logSum / Double(row.gflops.count))
    }

    /// The name of the best tuned row (never "general").
    static func pickBest(_ rows: [Row]) -> String? {
        rows.filter { $0.name != "general" }.compactMap { row in score(row).map { (row.name, $0) } }.max { $0.1 < $1.1 }?.0
    }

    /// The best tuned row per size bucket, scored on the figures of the sizes in that bucket only.
    static func pickBestBySize(_ rows: [Row], sizes: [Int]) -> [SgemmSizeBucket: String] {
        var out: [SgemmSizeBucket: String] = [:]
        for bucket in Set(sizes.map { SgemmSizeBucket(side: $0) }) {
            let columns = sizes.indices.filter { SgemmSizeBucket(side: sizes[$0]) == bucket }
            let narrowed = rows.map { row in
                Row(name: row.name, gflops: columns.map { $0 < row.gflops.count ? row.gflops[$0] : nil }, problem: row.problem)
            }
            if let best = pickBest(narrowed) { out[bucket] = best }
        }
        return out
    }
}

import Foundation

/// Problem sizes that want different tiles. A tile of C is one work-group, so the number of groups
/// grows with the output's area: at N = 1024 a 128×128 tile makes 64 groups, too few for a GPU of
/// 132 compute units, while at N = 4096 the same tile is the fastest. Buckets go by the side of a
/// square product with as many outputs, √(M·N·batches).
///
/// ```swift
/// SgemmSizeBucket(m: 1024, n: 1024, batches: 1)   // .upTo1024
/// SgemmSizeBucket(m: 1024, n: 1024, batches: 8)   // .upTo4096 (√8 × 1024 ≈ 2896)
/// ```
public enum SgemmSizeBucket: String, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
    case upTo1024 = "N<=1024"
    case upTo2048 = "N<=2048"
    case upTo4096 = "N<=4096"
    case above4096 = "N>4096"

    public init(side: Int) {
        switch side {
        case ...1024: self = .upTo1024
        case ...2048: self = .upTo2048
        case ...4096: self = .upTo4096
        default: self = .above4096
        }
    }

    public init(m: Int, n: Int, batches: Int) {
        let outputs = Double(max(m, 0)) * Double(max(n, 0)) * Double(max(batches, 1))
        self.init(side: Int(outputs.squareRoot().rounded()))
    }

    var index: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }

    public var description: String { rawValue }

    /// The tiles for `bucket` from a per-bucket map: its own entry, else the nearest bucket's (the
    /// larger on a tie, since tiles tuned on larger products err towards too few groups less often
    /// than small ones err towards too little reuse), else nil.
    static func nearest(_ bucket: Self, in map: [Self: SgemmTiles]) -> SgemmTiles? {
        if let own = map[bucket] { return own }
        let ranked = map.keys.sorted { a, b in
            let da = abs(a.index - bucket.index), db = abs(b.index - bucket.index)
            return da != db ? da < db : a.index > b.index
        }
        return ranked.first.flatMap { map[$0] }
    }
}

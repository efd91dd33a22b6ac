import Engine
import Foundation

/// Naive host-side references the workloads check against: plain loops in Double, independent of
/// the engine's kernels (OpenBLAS, vectorised loops, OpenCL).
public enum Reference {
    /// Rows `rows` of `a`·`b` for row-major `a` (m×k) and `b` (k×n), in Double.
    public static func matmulRows(_ a: [Float], _ b: [Float], k: Int, n: Int, rows: [Int]) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(rows.count * n)
        for r in rows {
            for j in 0..<n {
                var acc = 0.0
                for p in 0..<k { acc += Double(a[r * k + p]) * Double(b[p * n + j]) }
                out.append(acc)
            }
        }
        return out
    }

    /// Entries (`rows` × `columns`) of `a`·`b`, row by row, in Double.
    public static func matmulEntries(_ a: [Float], _ b: [Float], k: Int, n: Int, rows: [Int], columns: [Int]) -> [Double] {
        rows.flatMap { r in
            columns.map { j in
                var acc = 0.0
                for p in 0..<k { acc += Double(a[r * k + p]) * Double(b[p * n + j]) }
                return acc
            }
        }
    }

    /// Up to `count` row indices spread evenly over 0..<total (first and last included).
    public static func sampleRows(_ total: Int, count: Int = 16) -> [Int] {
        guard total > count else { return Array(0..<total) }
        guard count > 1 else { return [0] }
        return (0..<count).map { $0 * (total - 1) / (count - 1) }
    }

    /// Numerically stable softmax of one row.
    public static func softmax(_ row: [Double]) -> [Double] {
        let top = row.max() ?? 0
        let e = row.map { Foundation.exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
}

/// A stream of independent random keys from one seed (each `next()` splits the current key).
public struct KeyStream: Sendable {
    private var key: RandomKey

    public init(seed: UInt64) { key = Random.key(seed) }

    public mutating func next() -> RandomKey {
        let (a, b) = key.split()
        key = a
        return b
    }
}

/// SplitMix64: a small deterministic generator for building random graphs from a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
import Testing

@testable import Engine

// Helpers shared by the engine tests. Expected values always come from somewhere other than the
// engine: hand computation, the naive references below (plain loops over explicit index
// arithmetic), or NumPy.

/// All values of a tensor as Double (exact for every dtype the engine has, up to int64 > 2⁵³).
func doubles(_ t: Tensor) throws -> [Double] {
    switch t.dtype {
    case .float16, .float32: return try t.toArray(Float.self).map(Double.init)
    case .int32, .int64: return try t.toArray(Int64.self).map(Double.init)
    case .bool: return try t.toArray(Bool.self).map { $0 ? 1 : 0 }
    }
}

func ints(_ t: Tensor) throws -> [Int64] { try t.toArray(Int64.self) }
func floats(_ t: Tensor) throws -> [Float] { try t.toArray(Float.self) }
func bools(_ t: Tensor) throws -> [Bool] { try t.toArray(Bool.self) }

/// Element-wise closeness with NaN == NaN and infinities equal to themselves.
func isClose(_ a: Double, _ b: Double, rtol: Double, atol: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return Swift.abs(a - b) <= atol + rtol * Swift.abs(b)
}

func expectClose(
    _ actual: [Double], _ expected: [Double], rtol: Double = 1e-5, atol: Double = 1e-6,
    _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(what): count \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    var bad: [String] = []
    for i in actual.indices where !isClose(actual[i], expected[i], rtol: rtol, atol: atol) {
        bad.append("[\(i)] \(actual[i]) vs \(expected[i])")
        if bad.count >= 5 { break }
    }
    #expect(bad.isEmpty, "\(what): mismatches \(bad.joined(separator: "; "))", sourceLocation: sourceLocation)
}

func expectClose(
    _ t: Tensor, _ expected: [Double], shape: [Int]? = nil, rtol: Double = 1e-5, atol: Double = 1e-6,
    _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) throws {
    if let shape { #expect(t.shape == shape, "\(what): shape", sourceLocation: sourceLocation) }
    expectClose(try doubles(t), expected, rtol: rtol, atol: atol, what, sourceLocation: sourceLocation)
}

/// A deterministic generator (SplitMix64) so random test inputs are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [lo, hi), rounded to float32 so the engine sees exactly the same value.
    mutating func floats(_ n: Int, _ lo: Double = -1, _ hi: Double = 1) -> [Double] {
        (0..<n).map { _ in Double(Float(Double.random(in: lo..<hi, using: &self))) }
    }
    mutating func ints(_ n: Int, _ lo: Int = -9, _ hi: Int = 9) -> [Int] {
        (0..<n).map { _ in Int.random(in: lo...hi, using: &self) }
    }
}

/// A float32 tensor of the given shape from Doubles.
func f32(_ values: [Double], _ shape: [Int]) throws -> Tensor {
    try Tensor(values.map { Float($0) }, shape: shape)
}

// MARK: - Naive n-d reference (row-major values + shape, explicit index arithmetic)

struct Ref {
    var shape: [Int]
    var values: [Double]

    var count: Int { shape.reduce(1, *) }

    /// Row-major strides computed here independently of the engine.
    static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var r = 1
        for i in (0..<shape.count).reversed() { s[i] = r; r *= shape[i] }
        return s
    }

    /// The multi-index of flat position `flat`.
    static func unravel(_ flat: Int, _ shape: [Int]) -> [Int] {
        var idx = [Int](repeating: 0, count: shape.count)
        var rest = flat
        for d in (0..<shape.count).reversed() {
            idx[d] = rest % shape[d]
            rest /= shape[d]
        }
        return idx
    }

    static func ravel(_ idx: [Int], _ shape: [Int]) -> Int {
        var flat = 0
        for d in 0..<shape.count { flat = flat * shape[d] + idx[d] }
        return flat
    }

    subscript(_ idx: [Int]) -> Double { values[Ref.ravel(idx, shape)] }

    /// Reduces `axes` with `combine`, starting from `initial`; keepDims as NumPy.
    func reduce(axes: [Int], keepDims: Bool, initial: Double, _ combine: (Double, Double) -> Double) -> Ref {
        let outShape = shape.indices.compactMap { axes.contains($0) ? (keepDims ? 1 : nil) : shape[$0] }
        let keptShape = shape.indices.map { axes.contains($0) ? 1 : shape[$0] }
        var out = [Double](repeating: initial, count: outShape.reduce(1, *))
        for flat in 0..<count {
            var idx = Ref.unravel(flat, shape)
            for a in axes { idx[a] = 0 }
            let o = Ref.ravel(idx, keptShape)
            out[o] = combine(out[o], values[flat])
        }
        return Ref(shape: outShape, values: out)
    }

    /// Transposed copy (permutation as NumPy's transpose).
    func transposed(_ perm: [Int]) -> Ref {
        let outShape = perm.map { shape[$0] }
        var out = [Double](repeating: 0, count: count)
        for flat in 0..<count {
            let o = Ref.unravel(flat, outShape)
            var src = [Int](repeating: 0, count: shape.count)
            for (i, p) in perm.enumerated() { src[p] = o[i] }
            out[flat] = self[src]
        }
        return Ref(shape: outShape, values: out)
    }
}

/// Every subset of 0..<n.
func subsets(_ n: Int) -> [[Int]] {
    (0..<(1 << n)).map { mask in (0..<n).filter { mask & (1 << $0) != 0 } }
}

/// Naive matmul over explicit batch broadcasting: a (..., m, k) × b (..., k, n).
func naiveMatmul(_ a: Ref, _ b: Ref) -> Ref {
    let m = a.shape[a.shape.count - 2], k = a.shape[a.shape.count - 1]
    let n = b.shape[b.shape.count - 1]
    let ba = Array(a.shape.dropLast(2)), bb = Array(b.shape.dropLast(2))
    let rank = Swift.max(ba.count, bb.count)
    let pa = [Int](repeating: 1, count: rank - ba.count) + ba
    let pb = [Int](repeating: 1, count: rank - bb.count) + bb
    let batch = (0..<rank).map { Swift.max(pa[$0], pb[$0]) }
    let batches = batch.reduce(1, *)
    var out = [Double](repeating: 0, count: batches * m * n)
    for bi in 0..<batches {
        let idx = Ref.unravel(bi, batch)
        let ia = Array((0..<rank).map { pa[$0] == 1 ? 0 : idx[$0] }.suffix(ba.count))
        let ib = Array((0..<rank).map { pb[$0] == 1 ? 0 : idx[$0] }.suffix(bb.count))
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k { s += a[ia + [i, p]] * b[ib + [p, j]] }
                out[bi * m * n + i * n + j] = s
            }
        }
    }
    return Ref(shape: batch + [m, n], values: out)
}

/// The error an expression throws, for checking its message.
func engineError(_ body: () throws -> Void) -> EngineError? {
    do {
        try body()
        return nil
    } catch let e as EngineError {
        return e
    } catch {
        return nil
    }
}

/// Checks that `body` throws an EngineError whose text starts with `op` and contains every fragment.
func expectEngineError(
    _ op: String, _ fragments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    guard let e = engineError(body) else {
        Issue.record("expected an EngineError from \(op)", sourceLocation: sourceLocation)
        return
    }
    let text = e.description
    #expect(text.hasPrefix(op + ":"), "message '\(text)' should start with '\(op):'", sourceLocation: sourceLocation)
    for f in fragments {
        #expect(text.contains(f), "message '\(text)' should contain '\(f)'", sourceLocation: sourceLocation)
    }
}

/// A tensor of `dtype` built directly from typed Swift values (no engine cast involved).
func tensor(_ v: [Double], _ dtype: DType, _ shape: [Int]? = nil) throws -> Tensor {
    let s = shape ?? [v.count]
    switch dtype {
    case .bool: return try Tensor(v.map { $0 != 0 }, shape: s)
    case .int32: return try Tensor(v.map { Int32($0) }, shape: s)
    case .int64: return try Tensor(v.map { Int64($0) }, shape: s)
    case .float16: return try Tensor(v.map { Float16(Float($0)) }, shape: s)
    case .float32: return try Tensor(v.map { Float($0) }, shape: s)
    }
}

/// Tolerance that fits a dtype's precision.
func rtol(_ dtype: DType) -> Double { dtype == .float16 ? 2e-3 : 1e-5 }

let numericTypes: [DType] = [.int32, .int64, .float16, .float32]
let floatTypes: [DType] = [.float16, .float32]
let intTypes: [DType] = [.int32, .int64]

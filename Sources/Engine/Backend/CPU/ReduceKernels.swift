import CFastMath
import Foundation

/// Reductions. The input is first laid out as rows — kept axes outer, reduced axes inner, contiguous
/// (a no-op when the reduced axes are already the trailing ones) — so every kernel reduces rows.
enum ReduceKernels {
    struct Rows {
        let data: ArrayData
        let outer: Int
        let inner: Int
        /// The permutation applied (kept axes, then reduced axes) and the permuted shape.
        let permutation: [Int]
        let permutedShape: [Int]
    }

    static func rows(_ x: ArrayData, _ shape: [Int], axes: [Int], type: DType, op: String) throws(EngineError) -> Rows {
        let kept = shape.indices.filter { !axes.contains($0) }
        let permutation = kept + axes
        let permutedShape = permutation.map { shape[$0] }
        let view = LayoutKernels.transpose(x, permutation: permutation)
        let data = try LayoutKernels.contiguous(view, permutedShape, type: type, op: op)
        return Rows(
            data: data, outer: Shape.count(kept.map { shape[$0] }), inner: Shape.count(axes.map { shape[$0] }),
            permutation: permutation, permutedShape: permutedShape)
    }

    /// Reduces each row of `inner` elements with an accumulator; long rows of few outputs are split
    /// across the cores and the partial results merged.
    static func reduceRows<F: ReduceFunctor>(_ rows: Rows, _: F.Type, out: UnsafeMutablePointer<F.Out>) {
        let src = UncheckedSendable(rows.data.pointer(as: F.In.self))
        let dst = UncheckedSendable(out)
        let inner = rows.inner
        if rows.outer >= Parallel.cores || inner < 4 * cheapGrain {
            Parallel.forRanges(rows.outer, grain: max(1, cheapGrain / max(inner, 1))) { range in
                for r in range {
                    var acc = F.initial
                    let row = src.value + r * inner
                    for i in 0..<inner { acc = F.combine(acc, row[i]) }
                    dst.value[r] = F.finish(acc)
                }
            }
            return
        }
        let parts = Parallel.cores
        for r in 0..<rows.outer {
            let partials = UnsafeMutablePointer<F.Acc>.allocate(capacity: parts)
            partials.initialize(repeating: F.initial, count: parts)
            let shared = UncheckedSendable(partials)
            Parallel.forRanges(parts, grain: 1) { range in
                for p in range {
                    var acc = F.initial
                    let row = src.value + r * inner
                    for i in (inner * p / parts)..<(inner * (p + 1) / parts) { acc = F.combine(acc, row[i]) }
                    shared.value[p] = acc
                }
            }
            var acc = partials[0]
            for p in 1..<parts { acc = F.merge(acc, partials[p]) }
            partials.deinitialize(count: parts)
            partials.deallocate()
            out[r] = F.finish(acc)
        }
    }

    static func reduce(_ op: ReduceOp, _ rows: Rows, inType: DType, out: Buffer) {
        switch (op, inType) {
        case (.all, _):
            reduceRows(rows, Reducers.All.self, out: out.typed(Bool.self))
        case (.any, _):
            reduceRows(rows, Reducers.AnyTrue.self, out: out.typed(Bool.self))
        case (_, .float32): floatReduce(op, rows, Float.self, out: out)
        case (_, .float16): floatReduce(op, rows, Float16.self, out: out)
        case (_, .int32): intReduce(op, rows, Int32.self, out: out)
        case (_, .int64): intReduce(op, rows, Int64.self, out: out)
        case (.max, .bool):
            reduceRows(rows, Reducers.AnyTrue.self, out: out.typed(Bool.self))
        case (.min, .bool):
            reduceRows(rows, Reducers.All.self, out: out.typed(Bool.self))
        case (_, .bool):
            preconditionFailure("\(op) of bool is cast to int32 by the builder")
        }
    }

    private static func floatReduce<T: Element & BinaryFloatingPoint>(_ op: ReduceOp, _ rows: Rows, _ t: T.Type, out: Buffer) {
        let o = out.typed(T.self)
        switch op {
        case .sum:
            // Accumulate in Double: more accurate than NumPy's pairwise float32 sum, never less.
            reduceRows(rows, Reducers.FloatSum<T>.self, out: o)
        case .prod:
            reduceRows(rows, Reducers.FloatProd<T>.self, out: o)
        case .max:
            reduceRows(rows, Reducers.FloatMax<T>.self, out: o)
        case .min:
            reduceRows(rows, Reducers.FloatMin<T>.self, out: o)
        case .all, .any:
            preconditionFailure("handled above")
        }
    }

    @inline(__always) static func nanMax<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T { a.isNaN || b.isNaN ? .nan : (b > a ? b : a) }
    @inline(__always) static func nanMin<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T { a.isNaN || b.isNaN ? .nan : (b < a ? b : a) }

    private static func intReduce<T: Element & FixedWidthInteger & SignedInteger>(_ op: ReduceOp, _ rows: Rows, _ t: T.Type, out: Buffer) {
        let o = out.typed(T.self)
        switch op {
        case .sum: reduceRows(rows, Reducers.IntSum<T>.self, out: o)
        case .prod: reduceRows(rows, Reducers.IntProd<T>.self, out: o)
        case .max: reduceRows(rows, Reducers.IntMax<T>.self, out: o)
        case .min: reduceRows(rows, Reducers.IntMin<T>.self, out: o)
        case .all, .any: preconditionFailure("handled above")
        }
    }

    /// Index of the first maximum (minimum) of each row; a NaN counts as the extreme, as NumPy.
    static func argReduce(_ op: ArgReduceOp, _ rows: Rows, inType: DType, out: Buffer) {
        switch inType {
        case .float32: argRows(op, rows, Float.self, out: out) { $0.isNaN }
        case .float16: argRows(op, rows, Float16.self, out: out) { $0.isNaN }
        case .int32: argRows(op, rows, Int32.self, out: out) { _ in false }
        case .int64: argRows(op, rows, Int64.self, out: out) { _ in false }
        case .bool: argRows(op, rows, Bool.self, out: out) { _ in false }
        }
    }

    private static func argRows<T: Element>(
        _ op: ArgReduceOp, _ rows: Rows, _ t: T.Type, out: Buffer, isNaN: (T) -> Bool
    ) {
        let src = rows.data.pointer(as: T.self)
        let o = out.typed(Int32.self)
        let wantMax = op == .argmax
        for r in 0..<rows.outer {
            let row = src + r * rows.inner
            var best = 0
            var bestValue = row[0].doubleValue
            if !isNaN(row[0]) {
                for i in 1..<max(rows.inner, 1) {
                    if isNaN(row[i]) { best = i; break }
                    let v = row[i].doubleValue
                    if wantMax ? v > bestValue : v < bestValue {
                        best = i
                        bestValue = v
                    }
                }
            }
            o[r] = Int32(best)
        }
    }

    /// Softmax over the inner rows; the result keeps the permuted layout and is returned as a view
    /// whose strides put the axes back where they were.
    static func softmax(_ rows: Rows, type: DType, out: Buffer) -> [Int] {
        switch type {
        case .float16: softmaxRows(rows, Float16.self, out: out)
        default: softmaxRows(rows, Float.self, out: out)
        }
        let permutedStrides = Shape.contiguousStrides(rows.permutedShape)
        var strides = [Int](repeating: 0, count: permutedStrides.count)
        for (i, axis) in rows.permutation.enumerated() { strides[axis] = permutedStrides[i] }
        return strides
    }

    private static func softmaxRows<T: Element & BinaryFloatingPoint>(_ rows: Rows, _ t: T.Type, out: Buffer) {
        let src = UncheckedSendable(rows.data.pointer(as: T.self))
        let dst = UncheckedSendable(out.typed(T.self))
        let inner = rows.inner
        if T.self == Float.self {
            let x = UncheckedSendable(rows.data.pointer(as: Float.self))
            let y = UncheckedSendable(out.typed(Float.self))
            Parallel.forRanges(rows.outer, grain: max(1, vectorMathGrain / max(inner, 1))) { range in
                for r in range { cfm_softmax_row_f32(x.value + r * inner, y.value + r * inner, inner) }
            }
            return
        }
        Parallel.forRanges(rows.outer, grain: max(1, mathGrain / max(inner, 1))) { range in
            for r in range {
                let row = src.value + r * inner
                let o = dst.value + r * inner
                var m = -Float.infinity
                for i in 0..<inner { m = Swift.max(m, Float(row[i])) }
                if m == -.infinity { m = 0 }
                var total: Float = 0
                for i in 0..<inner {
                    let e = Foundation.exp(Float(row[i]) - m)
                    o[i] = T(e)
                    total += e
                }
                for i in 0..<inner { o[i] = T(Float(o[i]) / total) }
            }
        }
    }

    static func logsumexp(_ rows: Rows, type: DType, out: Buffer) {
        switch type {
        case .float16: logsumexpRows(rows, Float16.self, out: out)
        default: logsumexpRows(rows, Float.self, out: out)
        }
    }

    private static func logsumexpRows<T: Element & BinaryFloatingPoint>(_ rows: Rows, _ t: T.Type, out: Buffer) {
        let src = UncheckedSendable(rows.data.pointer(as: T.self))
        let dst = UncheckedSendable(out.typed(T.self))
        let inner = rows.inner
        if T.self == Float.self {
            let x = UncheckedSendable(rows.data.pointer(as: Float.self))
            let y = UncheckedSendable(out.typed(Float.self))
            Parallel.forRanges(rows.outer, grain: max(1, vectorMathGrain / max(inner, 1))) { range in
                for r in range { y.value[r] = cfm_logsumexp_row_f32(x.value + r * inner, inner) }
            }
            return
        }
        Parallel.forRanges(rows.outer, grain: max(1, mathGrain / max(inner, 1))) { range in
            for r in range {
                let row = src.value + r * inner
                var m = -Double.infinity
                for i in 0..<inner { m = Swift.max(m, Double(row[i])) }
                if m.isInfinite || m.isNaN {
                    dst.value[r] = T(inner == 0 ? -Double.infinity : m)
                    continue
                }
                var total = 0.0
                for i in 0..<inner { total += Foundation.exp(Double(row[i]) - m) }
                dst.value[r] = T(m + Foundation.log(total))
            }
        }
    }
}

/// A row reduction as a type: `initial`, then `combine` per element in row order, `merge` for the
/// partial results of a row split across cores, `finish` to the output dtype.
protocol ReduceFunctor {
    associatedtype In: Element
    associatedtype Acc
    associatedtype Out: Element
    static var initial: Acc { get }
    static func combine(_ acc: Acc, _ x: In) -> Acc
    static func merge(_ a: Acc, _ b: Acc) -> Acc
    static func finish(_ acc: Acc) -> Out
}

enum Reducers {
    struct All: ReduceFunctor {
        @inline(__always) static var initial: Bool { true }
        @inline(__always) static func combine(_ acc: Bool, _ x: Bool) -> Bool { acc && x }
        @inline(__always) static func merge(_ a: Bool, _ b: Bool) -> Bool { a && b }
        @inline(__always) static func finish(_ acc: Bool) -> Bool { acc }
    }

    struct AnyTrue: ReduceFunctor {
        @inline(__always) static var initial: Bool { false }
        @inline(__always) static func combine(_ acc: Bool, _ x: Bool) -> Bool { acc || x }
        @inline(__always) static func merge(_ a: Bool, _ b: Bool) -> Bool { a || b }
        @inline(__always) static func finish(_ acc: Bool) -> Bool { acc }
    }

    /// Accumulates in Double.
    struct FloatSum<T: Element & BinaryFloatingPoint>: ReduceFunctor {
        @inline(__always) static var initial: Double { 0.0 }
        @inline(__always) static func combine(_ acc: Double, _ x: T) -> Double { acc + Double(x) }
        @inline(__always) static func merge(_ a: Double, _ b: Double) -> Double { a + b }
        @inline(__always) static func finish(_ acc: Double) -> T { T(acc) }
    }

    struct FloatProd<T: Element & BinaryFloatingPoint>: ReduceFunctor {
        @inline(__always) static var initial: Double { 1.0 }
        @inline(__always) static func combine(_ acc: Double, _ x: T) -> Double { acc * Double(x) }
        @inline(__always) static func merge(_ a: Double, _ b: Double) -> Double { a * b }
        @inline(__always) static func finish(_ acc: Double) -> T { T(acc) }
    }

    struct FloatMax<T: Element & BinaryFloatingPoint>: ReduceFunctor {
        @inline(__always) static var initial: T { -T.infinity }
        @inline(__always) static func combine(_ acc: T, _ x: T) -> T { ReduceKernels.nanMax(acc, x) }
        @inline(__always) static func merge(_ a: T, _ b: T) -> T { ReduceKernels.nanMax(a, b) }
        @inline(__always) static func finish(_ acc: T) -> T { acc }
    }

    struct FloatMin<T: Element & BinaryFloatingPoint>: ReduceFunctor {
        @inline(__always) static var initial: T { T.infinity }
        @inline(__always) static func combine(_ acc: T, _ x: T) -> T { ReduceKernels.nanMin(acc, x) }
        @inline(__always) static func merge(_ a: T, _ b: T) -> T { ReduceKernels.nanMin(a, b) }
        @inline(__always) static func finish(_ acc: T) -> T { acc }
    }

    struct IntSum<T: Element & FixedWidthInteger & SignedInteger>: ReduceFunctor {
        @inline(__always) static var initial: T { 0 }
        @inline(__always) static func combine(_ acc: T, _ x: T) -> T { acc &+ x }
        @inline(__always) static func merge(_ a: T, _ b: T) -> T { a &+ b }
        @inline(__always) static func finish(_ acc: T) -> T { acc }
    }

    struct IntProd<T: Element & FixedWidthInteger & SignedInteger>: ReduceFunctor {
        @inline(__always) static var initial: T { 1 }
        @inline(__always) static func combine(_ acc: T, _ x: T) -> T { acc &* x }
        @inline(__always) static func merge(_ a: T, _ b: T) -> T { a &* b }
        @inline(__always) static func finish(_ acc: T) -> T { acc }
    }

    struct IntMax<T: Element & FixedWidthInteger & SignedInteger>: ReduceFunctor {
        @inline(__always) static var initial: T { T.min }
        @inline(__always) static func combine(_ acc: T, _ x: T) -> T { Swift.max(acc, x) }
        @inline(__always) static func merge(_ a: T, _ b: T) -> T { Swift.max(a, b) }
        @inline(__always) static func finish(_ acc: T) -> T { acc }
    }

    struct IntMin<T: Element & FixedWidthInteger & SignedInteger>: ReduceFunctor {
        @inline(__always) static var initial: T { T.max }
        @inline(__always) static func combine(_ acc: T, _ x: T) -> T { Swift.min(acc, x) }
        @inline(__always) static func merge(_ a: T, _ b: T) -> T { Swift.min(a, b) }
        @inline(__always) static func finish(_ acc: T) -> T { acc }
    }
}

/// The generic strided loops every elementwise kernel is built from. They are `@inline(__always)`
/// so that each call site gets a loop specialised for its element types and closure.
enum Loops {
    /// Strides of an input of shape `inShape` read as if broadcast to `outShape`.
    static func broadcastStrides(_ inShape: [Int], _ inStrides: [Int], to outShape: [Int]) -> [Int] {
        let pad = outShape.count - inShape.count
        var out = [Int](repeating: 0, count: outShape.count)
        for i in 0..<inShape.count where inShape[i] != 1 || outShape[i + pad] == 1 {
            out[i + pad] = inShape[i] == 1 ? 0 : inStrides[i]
        }
        return out
    }

    @inline(__always)
    static func unary<A: Element, R: Element>(
        _ x: ArrayData, _ xShape: [Int], shape: [Int], out: UnsafeMutablePointer<R>, grain: Int,
        _ f: (A) -> R
    ) {
        let plan = StridedPlan(shape: shape, inputStrides: [broadcastStrides(xShape, x.strides, to: shape)])
        let sa = plan.innerStride(0)
        let src = UncheckedSendable(x.pointer(as: A.self))
        let dst = UncheckedSendable(out)
        Parallel.forRanges(plan.count, grain: grain) { range in
            let a = src.value
            let o = dst.value
            plan.forEachSegment(in: range) { start, n, oa, _, _ in
                if sa == 1 {
                    for i in 0..<n { o[start + i] = f(a[oa + i]) }
                } else {
                    for i in 0..<n { o[start + i] = f(a[oa + i * sa]) }
                }
            }
        }
    }

    @inline(__always)
    static func binary<A: Element, R: Element>(
        _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int], shape: [Int],
        out: UnsafeMutablePointer<R>, grain: Int, _ f: (A, A) -> R
    ) {
        let plan = StridedPlan(
            shape: shape,
            inputStrides: [
                broadcastStrides(xShape, x.strides, to: shape), broadcastStrides(yShape, y.strides, to: shape),
            ])
        let sa = plan.innerStride(0)
        let sb = plan.innerStride(1)
        let pa = UncheckedSendable(x.pointer(as: A.self))
        let pb = UncheckedSendable(y.pointer(as: A.self))
        let dst = UncheckedSendable(out)
        Parallel.forRanges(plan.count, grain: grain) { range in
            let a = pa.value
            let b = pb.value
            let o = dst.value
            plan.forEachSegment(in: range) { start, n, oa, ob, _ in
                if sa == 1 && sb == 1 {
                    for i in 0..<n { o[start + i] = f(a[oa + i], b[ob + i]) }
                } else if sa == 1 && sb == 0 {
                    let bv = b[ob]
                    for i in 0..<n { o[start + i] = f(a[oa + i], bv) }
                } else if sa == 0 && sb == 1 {
                    let av = a[oa]
                    for i in 0..<n { o[start + i] = f(av, b[ob + i]) }
                } else {
                    for i in 0..<n { o[start + i] = f(a[oa + i * sa], b[ob + i * sb]) }
                }
            }
        }
    }

    @inline(__always)
    static func ternary<T: Element>(
        _ c: ArrayData, _ cShape: [Int], _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int],
        shape: [Int], out: UnsafeMutablePointer<T>
    ) {
        let plan = StridedPlan(
            shape: shape,
            inputStrides: [
                broadcastStrides(cShape, c.strides, to: shape), broadcastStrides(xShape, x.strides, to: shape),
                broadcastStrides(yShape, y.strides, to: shape),
            ])
        let sc = plan.innerStride(0)
        let sa = plan.innerStride(1)
        let sb = plan.innerStride(2)
        let pc = UncheckedSendable(c.pointer(as: Bool.self))
        let pa = UncheckedSendable(x.pointer(as: T.self))
        let pb = UncheckedSendable(y.pointer(as: T.self))
        let dst = UncheckedSendable(out)
        Parallel.forRanges(plan.count, grain: cheapGrain) { range in
            let cond = pc.value
            let a = pa.value
            let b = pb.value
            let o = dst.value
            plan.forEachSegment(in: range) { start, n, oc, oa, ob in
                for i in 0..<n { o[start + i] = cond[oc + i * sc] ? a[oa + i * sa] : b[ob + i * sb] }
            }
        }
    }
}

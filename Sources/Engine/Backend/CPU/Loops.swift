/// An elementwise operation as a type. Kernels pass the type (not a closure) to `Loops`, so each
/// specialisation of a loop — parallel closure included — calls `apply` statically and the
/// contiguous loops can be vectorised.
protocol UnaryFunctor {
    associatedtype In: Element
    associatedtype Out: Element
    static func apply(_ x: In) -> Out
}

/// A binary elementwise operation as a type (see `UnaryFunctor`). Both inputs share one dtype.
protocol BinaryFunctor {
    associatedtype In: Element
    associatedtype Out: Element
    static func apply(_ a: In, _ b: In) -> Out
}

/// The generic strided loops every elementwise kernel is built from, generic over the operation's
/// type so that each kernel gets its own specialised copy. Fast paths: every input dense
/// (row-contiguous with the output's element count) or a broadcast scalar; otherwise a
/// `StridedPlan` walk.
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

    /// How an input is read when broadcast to an output of `count` elements.
    enum Access {
        /// Row-contiguous with as many elements as the output: element i is `pointer[i]`.
        case dense
        /// One element, read for every output element.
        case scalar
        case strided
    }

    @inline(__always)
    static func access(_ x: ArrayData, _ xShape: [Int], count: Int) -> Access {
        let n = Shape.count(xShape)
        // Same element count as the output means broadcasting only added or kept size-1 axes,
        // so a row-contiguous input is in the output's row-major order.
        if n == count && x.isRowContiguous(xShape) { return .dense }
        return n == 1 ? .scalar : .strided
    }

    static func unary<F: UnaryFunctor>(
        _: F.Type, _ x: ArrayData, _ xShape: [Int], shape: [Int], out: UnsafeMutablePointer<F.Out>, grain: Int
    ) {
        let count = Shape.count(shape)
        let src = UncheckedSendable(x.pointer(as: F.In.self))
        let dst = UncheckedSendable(out)
        switch access(x, xShape, count: count) {
        case .dense:
            Parallel.forRanges(count, grain: grain) { range in
                let a = src.value + range.lowerBound
                let o = dst.value + range.lowerBound
                for i in 0..<range.count { o[i] = F.apply(a[i]) }
            }
            return
        case .scalar:
            let value = F.apply(src.value[0])
            Parallel.forRanges(count, grain: grain) { range in
                let o = dst.value + range.lowerBound
                for i in 0..<range.count { o[i] = value }
            }
            return
        case .strided:
            break
        }
        let plan = StridedPlan(shape: shape, inputStrides: [broadcastStrides(xShape, x.strides, to: shape)])
        let sa = plan.innerStride(0)
        Parallel.forRanges(plan.count, grain: grain) { range in
            let a = src.value
            let o = dst.value
            plan.forEachSegment(in: range) { start, n, oa, _, _ in
                if sa == 1 {
                    for i in 0..<n { o[start + i] = F.apply(a[oa + i]) }
                } else {
                    for i in 0..<n { o[start + i] = F.apply(a[oa + i * sa]) }
                }
            }
        }
    }

    static func binary<F: BinaryFunctor>(
        _: F.Type, _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int], shape: [Int],
        out: UnsafeMutablePointer<F.Out>, grain: Int
    ) {
        let count = Shape.count(shape)
        let pa = UncheckedSendable(x.pointer(as: F.In.self))
        let pb = UncheckedSendable(y.pointer(as: F.In.self))
        let dst = UncheckedSendable(out)
        switch (access(x, xShape, count: count), access(y, yShape, count: count)) {
        case (.dense, .dense):
            Parallel.forRanges(count, grain: grain) { range in
                let a = pa.value + range.lowerBound
                let b = pb.value + range.lowerBound
                let o = dst.value + range.lowerBound
                for i in 0..<range.count { o[i] = F.apply(a[i], b[i]) }
            }
            return
        case (.dense, .scalar):
            let bv = pb.value[0]
            Parallel.forRanges(count, grain: grain) { range in
                let a = pa.value + range.lowerBound
                let o = dst.value + range.lowerBound
                for i in 0..<range.count { o[i] = F.apply(a[i], bv) }
            }
            return
        case (.scalar, .dense):
            let av = pa.value[0]
            Parallel.forRanges(count, grain: grain) { range in
                let b = pb.value + range.lowerBound
                let o = dst.value + range.lowerBound
                for i in 0..<range.count { o[i] = F.apply(av, b[i]) }
            }
            return
        case (.scalar, .scalar):
            let value = F.apply(pa.value[0], pb.value[0])
            Parallel.forRanges(count, grain: grain) { range in
                let o = dst.value + range.lowerBound
                for i in 0..<range.count { o[i] = value }
            }
            return
        default:
            break
        }
        let plan = StridedPlan(
            shape: shape,
            inputStrides: [
                broadcastStrides(xShape, x.strides, to: shape), broadcastStrides(yShape, y.strides, to: shape),
            ])
        let sa = plan.innerStride(0)
        let sb = plan.innerStride(1)
        Parallel.forRanges(plan.count, grain: grain) { range in
            let a = pa.value
            let b = pb.value
            let o = dst.value
            plan.forEachSegment(in: range) { start, n, oa, ob, _ in
                if sa == 1 && sb == 1 {
                    for i in 0..<n { o[start + i] = F.apply(a[oa + i], b[ob + i]) }
                } else if sa == 1 && sb == 0 {
                    let bv = b[ob]
                    for i in 0..<n { o[start + i] = F.apply(a[oa + i], bv) }
                } else if sa == 0 && sb == 1 {
                    let av = a[oa]
                    for i in 0..<n { o[start + i] = F.apply(av, b[ob + i]) }
                } else {
                    for i in 0..<n { o[start + i] = F.apply(a[oa + i * sa], b[ob + i * sb]) }
                }
            }
        }
    }

    static func ternary<T: Element>(
        _ c: ArrayData, _ cShape: [Int], _ x: ArrayData, _ xShape: [Int], _ y: ArrayData, _ yShape: [Int],
        shape: [Int], out: UnsafeMutablePointer<T>
    ) {
        let count = Shape.count(shape)
        let pc = UncheckedSendable(c.pointer(as: Bool.self))
        let pa = UncheckedSendable(x.pointer(as: T.self))
        let pb = UncheckedSendable(y.pointer(as: T.self))
        let dst = UncheckedSendable(out)
        if access(c, cShape, count: count) == .dense, access(x, xShape, count: count) == .dense,
            access(y, yShape, count: count) == .dense
        {
            Parallel.forRanges(count, grain: cheapGrain) { range in
                let cond = pc.value + range.lowerBound
                let a = pa.value + range.lowerBound
                let b = pb.value + range.lowerBound
                let o = dst.value + range.lowerBound
                for i in 0..<range.count { o[i] = cond[i] ? a[i] : b[i] }
            }
            return
        }
        let plan = StridedPlan(
            shape: shape,
            inputStrides: [
                broadcastStrides(cShape, c.strides, to: shape), broadcastStrides(xShape, x.strides, to: shape),
                broadcastStrides(yShape, y.strides, to: shape),
            ])
        let sc = plan.innerStride(0)
        let sa = plan.innerStride(1)
        let sb = plan.innerStride(2)
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

/// Shape arithmetic shared by op builders and kernels.
enum Shape {
    /// Elements in `shape`; saturates at `Int.max` instead of trapping, so a user's absurd shape
    /// becomes an error where it is checked (`Builder.node`), never an overflow trap.
    static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape {
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { return Int.max }
            n = product
        }
        return n
    }

    /// The most bytes one array may span: room left so byte offsets and size classes cannot overflow.
    static let maxBytes = Int.max / 4

    /// Throws when `shape` of `dtype` would not fit in memory addressing.
    static func checkFits(_ shape: [Int], _ dtype: DType, op: String) throws(EngineError) {
        let count = Shape.count(shape)
        guard count <= maxBytes / dtype.size else {
            throw .shape(
                op,
                "\(describe(shape, dtype)) would hold \(count == Int.max ? "more than \(Int.max)" : String(count)) elements of \(dtype.size) bytes, which cannot be addressed (at most \(maxBytes) bytes)")
        }
    }

    /// Row-major strides, in elements.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = running
            running *= max(shape[i], 1)
        }
        return strides
    }

    /// NumPy broadcasting of several shapes, or an error naming the op.
    static func broadcast(_ shapes: [[Int]], op: String) throws(EngineError) -> [Int] {
        let rank = shapes.map(\.count).max() ?? 0
        var out = [Int](repeating: 1, count: rank)
        for shape in shapes {
            let pad = rank - shape.count
            for (i, d) in shape.enumerated() {
                let j = i + pad
                if out[j] == d || d == 1 { continue }
                if out[j] == 1 {
                    out[j] = d
                } else {
                    let list = shapes.map(formatShape).joined(separator: " and ")
                    throw .shape(op, "shapes \(list) cannot be broadcast")
                }
            }
        }
        return out
    }

    /// Resolves a possibly negative axis against a rank, or throws naming the op.
    static func normalizeAxis(_ axis: Int, rank: Int, op: String) throws(EngineError) -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else {
            throw .axis(op, "invalid axis \(axis) for an array with \(rank) dimension\(rank == 1 ? "" : "s")")
        }
        return a
    }

    /// Resolves a list of axes: normalised, sorted, no duplicates.
    static func normalizeAxes(_ axes: [Int], rank: Int, op: String) throws(EngineError) -> [Int] {
        var seen = Set<Int>()
        var out: [Int] = []
        for axis in axes {
            let a = try normalizeAxis(axis, rank: rank, op: op)
            guard seen.insert(a).inserted else { throw .axis(op, "duplicate axis \(axis) in \(axes)") }
            out.append(a)
        }
        return out.sorted()
    }
}

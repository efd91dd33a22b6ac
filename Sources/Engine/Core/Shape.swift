/// Shape arithmetic shared by op builders and kernels.
enum Shape {
    static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

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

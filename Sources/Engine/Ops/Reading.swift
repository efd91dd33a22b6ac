import Foundation

extension Tensor {
    /// The single value of a one-element array, converted to `T`; evaluates first.
    public func item<T: Element>(_ type: T.Type = T.self) throws(EngineError) -> T {
        guard size == 1 else {
            throw .shape("item", "can only read one element, but \(describe(shape, dtype)) has \(size)")
        }
        return try toArray(T.self)[0]
    }

    /// All values in row-major order, converted to `T`; evaluates first.
    public func toArray<T: Element>(_ type: T.Type = T.self) throws(EngineError) -> [T] {
        let data = try materialized()
        var out: [T] = []
        out.reserveCapacity(size)
        forEachElement(data) { (value: Double, integer: Int64) in
            out.append(dtype.isFloatingPoint ? T(converting: value) : T(converting: integer))
        }
        return out
    }

    /// Visits elements in row-major order as (Double, Int64) — exact for every dtype we hold.
    func forEachElement(_ data: ArrayData, _ body: (Double, Int64) -> Void) {
        guard size > 0 else { return }
        let plan = StridedPlan(shape: shape, inputStrides: [data.strides])
        let s = plan.innerStride(0)
        func visit<S: Element>(_ t: S.Type) {
            let p = data.pointer(as: S.self)
            plan.forEachSegment(in: 0..<plan.count) { _, n, o, _, _ in
                for i in 0..<n {
                    let v = p[o + i * s]
                    body(v.doubleValue, v.int64Value)
                }
            }
        }
        switch dtype {
        case .bool: visit(Bool.self)
        case .int32: visit(Int32.self)
        case .int64: visit(Int64.self)
        case .float16: visit(Float16.self)
        case .float32: visit(Float.self)
        }
    }
}

extension Tensor: CustomStringConvertible {
    /// MLX's format: `array([1, 2, 3, 4], dtype=int32)`; reading evaluates the array.
    public var description: String {
        let data: ArrayData
        do {
            data = try materialized()
        } catch {
            return "array(<error: \(error)>, shape=\(formatShape(shape)), dtype=\(dtype))"
        }
        var items: [String] = []
        items.reserveCapacity(size)
        forEachElement(data) { value, integer in items.append(Self.format(value, integer, dtype)) }
        let body = ndim == 0 ? items[0] : Self.nest(items, shape: shape, level: 0, start: 0)
        return "array(\(body), dtype=\(dtype))"
    }

    static func format(_ value: Double, _ integer: Int64, _ dtype: DType) -> String {
        switch dtype {
        case .bool: return integer != 0 ? "True" : "False"
        case .int32, .int64: return String(integer)
        case .float16, .float32:
            if value.isNaN { return "nan" }
            if value.isInfinite { return value > 0 ? "inf" : "-inf" }
            return String(format: "%g", value)
        }
    }

    /// MLX's `print_subarray` (mlx/utils.cpp): a dimension longer than 6 shows its first and last
    /// 3 entries around `...`; rows of dimension `d` are joined by ",\n" and 7 + d spaces.
    private static func nest(_ items: [String], shape: [Int], level: Int, start: Int) -> String {
        let n = shape[level]
        let isLast = level == shape.count - 1
        let block = isLast ? 1 : Shape.count(Array(shape[(level + 1)...]))
        var indices = Array(0..<n)
        if n > 6 { indices = Array(indices.prefix(3)) + [-1] + Array(indices.suffix(3)) }
        let parts = indices.map { i in
            i < 0 ? "..." : (isLast ? items[start + i] : nest(items, shape: shape, level: level + 1, start: start + i * block))
        }
        let separator = isLast ? ", " : ",\n" + String(repeating: " ", count: 7 + level)
        return "[" + parts.joined(separator: separator) + "]"
    }
}

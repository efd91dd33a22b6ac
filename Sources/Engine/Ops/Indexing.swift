/// NumPy-style basic indexing: integers (bounds-checked, unlike MLX), slices with steps (clamped),
/// new axes and an ellipsis. The result is a view; integer indices drop their axis.
public enum TensorIndex: Sendable, Equatable, ExpressibleByIntegerLiteral {
    case at(Int)
    /// `start:stop:step`; nil bounds mean "from the beginning/to the end" in the step's direction.
    case slice(start: Int?, stop: Int?, step: Int)
    case insertAxis
    case rest

    static let full = TensorIndex.slice(start: nil, stop: nil, step: 1)

    public init(integerLiteral value: Int) { self = .at(value) }
}

/// Anything usable inside `tensor[...]`: `Int`, Swift ranges, or a `TensorIndex`.
public protocol TensorIndexExpression { var tensorIndex: TensorIndex { get } }

extension TensorIndex: TensorIndexExpression { public var tensorIndex: TensorIndex { self } }
extension Int: TensorIndexExpression { public var tensorIndex: TensorIndex { .at(self) } }
extension Range: TensorIndexExpression where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, stop: upperBound, step: 1) }
}
/// The exclusive stop after an inclusive upper bound: `-1` (the last element) means "to the end",
/// not `0` (which would make `-3 ... -1` empty).
private func stop(afterInclusive upper: Int) -> Int? { upper == -1 ? nil : upper + 1 }

extension ClosedRange: TensorIndexExpression where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, stop: stop(afterInclusive: upperBound), step: 1) }
}
extension PartialRangeFrom: TensorIndexExpression where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: lowerBound, stop: nil, step: 1) }
}
extension PartialRangeUpTo: TensorIndexExpression where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: nil, stop: upperBound, step: 1) }
}
extension PartialRangeThrough: TensorIndexExpression where Bound == Int {
    public var tensorIndex: TensorIndex { .slice(start: nil, stop: stop(afterInclusive: upperBound), step: 1) }
}

/// Python's `slice.indices`: the first index and the element count of a slice over `length`.
func resolveSlice(start: Int?, stop: Int?, step: Int, length n: Int) -> (start: Int, count: Int) {
    if step > 0 {
        var s = start ?? 0
        if s < 0 { s += n }
        s = Swift.min(Swift.max(s, 0), n)
        var e = stop ?? n
        if e < 0 { e += n }
        e = Swift.min(Swift.max(e, 0), n)
        return (s, e > s ? (e - s + step - 1) / step : 0)
    }
    var s = start ?? n - 1
    if start != nil, s < 0 { s += n }
    s = Swift.min(Swift.max(s, -1), n - 1)
    var e = -1
    if let stop {
        e = stop < 0 ? stop + n : stop
        e = Swift.min(Swift.max(e, -1), n - 1)
    }
    let count = s > e ? (s - e + (-step) - 1) / (-step) : 0
    return (count > 0 ? s : 0, count)
}

extension Tensor {
    public subscript(_ indices: any TensorIndexExpression...) -> Tensor {
        get throws(EngineError) { try index(indices.map(\.tensorIndex)) }
    }

    /// Applies basic indices; see `TensorIndex`.
    public func index(_ indices: [TensorIndex], stream placement: StreamOrDevice = .default) throws(EngineError) -> Tensor {
        let stream = try Builder.stream(placement, "slice")
        let ellipses = indices.filter { $0 == TensorIndex.rest }.count
        guard ellipses <= 1 else { throw .argument("slice", "an index can only have a single ellipsis") }
        let consuming = indices.filter { if case .insertAxis = $0 { return false }; return $0 != .ellipsis }.count
        guard consuming <= ndim else {
            throw .argument("slice", "too many indices (\(consuming)) for \(describe(shape, dtype))")
        }
        // Expand the ellipsis (or pad at the end) with full slices.
        var expanded: [TensorIndex] = []
        for index in indices {
            if index == TensorIndex.rest {
                expanded += Array(repeating: TensorIndex.full, count: ndim - consuming)
            } else {
                expanded.append(index)
            }
        }
        if ellipses == 0 { expanded += Array(repeating: TensorIndex.full, count: ndim - consuming) }

        var starts: [Int] = []
        var steps: [Int] = []
        var sliced: [Int] = []
        var finalShape: [Int] = []
        var axis = 0
        for index in expanded {
            switch index {
            case .at(let i):
                let n = shape[axis]
                let j = i < 0 ? i + n : i
                guard j >= 0, j < n else {
                    throw .argument("slice", "index \(i) is out of bounds for axis \(axis) with size \(n) in \(describe(shape, dtype))")
                }
                starts.append(j)
                steps.append(1)
                sliced.append(1)
                axis += 1
            case .slice(let start, let stop, let step):
                guard step != 0 else { throw .argument("slice", "slice step cannot be zero (axis \(axis) of \(describe(shape, dtype)))") }
                let (s, count) = resolveSlice(start: start, stop: stop, step: step, length: shape[axis])
                starts.append(s)
                steps.append(step)
                sliced.append(count)
                finalShape.append(count)
                axis += 1
            case .insertAxis:
                finalShape.append(1)
            case .rest:
                break
            }
        }
        let isIdentity = starts.allSatisfy { $0 == 0 } && steps.allSatisfy { $0 == 1 } && sliced == shape
        let view = isIdentity ? self : try Builder.node(.slice(starts: starts, steps: steps), [self], shape: sliced, dtype: dtype, stream: stream)
        return finalShape == view.shape ? view : try reshape(view, finalShape, stream: .stream(stream))
    }
}

extension TensorIndexExpression where Self == TensorIndex {
    /// The whole axis (`:`).
    public static var all: TensorIndex { TensorIndex.full }
    /// A new size-1 axis (`None`).
    public static var newAxis: TensorIndex { TensorIndex.insertAxis }
    /// As many full slices as needed (`...`).
    public static var ellipsis: TensorIndex { TensorIndex.rest }
    /// `start:stop:step`.
    public static func stride(_ start: Int? = nil, _ stop: Int? = nil, by step: Int) -> TensorIndex {
        TensorIndex.slice(start: start, stop: stop, step: step)
    }
}

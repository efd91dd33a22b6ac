/// Splits a rect into slots along one axis.
///
/// Guarantees, checked by property tests: every slot lies inside the parent, slots do not
/// overlap, sizes are never negative, and when any `.min` or `.fill` slot exists the sizes
/// plus spacing add up exactly to the parent's length.
public struct Layout: Hashable, Sendable {
    public var direction: Direction
    public var constraints: [Constraint]
    /// Empty cells between consecutive slots.
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = spacing
    }

    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, spacing: spacing)
    }

    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, spacing: spacing)
    }

    /// The slots, or an error when the hard demands cannot fit.
    public func split(_ area: Rect) throws(LayoutError) -> [Rect] {
        let length = direction == .horizontal ? area.width : area.height
        let sizes = try Layout.sizes(for: constraints, length: length, spacing: spacing)
        var rects: [Rect] = []
        rects.reserveCapacity(sizes.count)
        var offset = 0
        for size in sizes {
            switch direction {
            case .horizontal:
                rects.append(Rect(x: area.x + offset, y: area.y, width: size, height: area.height))
            case .vertical:
                rects.append(Rect(x: area.x, y: area.y + offset, width: area.width, height: size))
            }
            offset += size + spacing
        }
        return rects
    }

    /// `split` for callers that only care whether it fit.
    public func trySplit(_ area: Rect) -> [Rect]? {
        try? split(area)
    }

    /// Lengths for each constraint along an axis of `length` cells.
    public static func sizes(for constraints: [Constraint], length: Int, spacing: Int = 0) throws(LayoutError)
        -> [Int]
    {
        guard !constraints.isEmpty else { return [] }
        guard spacing >= 0 else { throw .doesNotFit(required: spacing, available: length) }
        let gaps = spacing * (constraints.count - 1)
        let available = length - gaps
        guard available >= 0 else { throw .doesNotFit(required: gaps, available: length) }

        var sizes = [Int](repeating: 0, count: constraints.count)
        var weights = [Int](repeating: 0, count: constraints.count)
        let hasFill = constraints.contains { if case .fill = $0 { return true } else { return false } }
        for (i, constraint) in constraints.enumerated() {
            switch constraint {
            case .fixed(let n):
                guard n >= 0 else { throw .invalidConstraint(constraint) }
                sizes[i] = n
            case .percent(let p):
                guard (0...100).contains(p) else { throw .invalidConstraint(constraint) }
                sizes[i] = available * p / 100
            case .min(let n):
                guard n >= 0 else { throw .invalidConstraint(constraint) }
                sizes[i] = n
                weights[i] = hasFill ? 0 : 1
            case .fill(let w):
                guard w >= 0 else { throw .invalidConstraint(constraint) }
                weights[i] = w
            }
        }
        let demanded = sizes.reduce(0, +)
        guard demanded <= available else { throw .doesNotFit(required: demanded + gaps, available: length) }
        distribute(available - demanded, weights: weights, into: &sizes)
        return sizes
    }

    /// Shares `leftover` by weight using largest remainders, so the total is exact and
    /// equal weights differ by at most one cell (earlier slots get the extra cell).
    static func distribute(_ leftover: Int, weights: [Int], into sizes: inout [Int]) {
        let totalWeight = weights.reduce(0, +)
        guard leftover > 0, totalWeight > 0 else { return }
        var given = 0
        var remainders: [(index: Int, remainder: Int)] = []
        for (i, w) in weights.enumerated() where w > 0 {
            let share = leftover * w / totalWeight
            sizes[i] += share
            given += share
            remainders.append((i, leftover * w % totalWeight))
        }
        remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for k in 0..<(leftover - given) {
            sizes[remainders[k % remainders.count].index] += 1
        }
    }
}

extension Rect {
    /// Shorthand for `Layout(direction, constraints, spacing:).trySplit(self)`.
    public func split(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) -> [Rect]? {
        Layout(direction, constraints, spacing: spacing).trySplit(self)
    }
}

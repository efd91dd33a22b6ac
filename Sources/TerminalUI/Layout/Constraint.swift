/// How much of the split axis one slot wants.
public enum Constraint: Hashable, Sendable {
    /// Exactly n cells.
    case fixed(Int)
    /// p percent of the available length (after spacing), rounded down.
    case percent(Int)
    /// At least n cells; grows like `.fill(1)` when no `.fill` slot takes the leftovers.
    case min(Int)
    /// A share of what is left, proportional to the weight.
    case fill(Int)
}

public enum Direction: Hashable, Sendable {
    /// Side by side: splits the width.
    case horizontal
    /// Stacked: splits the height.
    case vertical
}

/// Why a split failed. The dashboard shows a "terminal too small" notice instead of
/// drawing with negative sizes.
public enum LayoutError: Error, Hashable, Sendable {
    /// The hard demands (fixed, percent, min and spacing) exceed the available length.
    case doesNotFit(required: Int, available: Int)
    /// A constraint with a negative size, a percent outside 0…100 or a weight below 0.
    case invalidConstraint(Constraint)
}

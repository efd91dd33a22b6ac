/// Element types an array can hold.
///
/// The promotion lattice follows MLX (a JAX-style table): bool < int32 < int64 among integers,
/// float16 < float32 among floats, and any integer with a float gives that float — so
/// `int64 + float16` is `float16`, exactly as MLX measures.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case bool
    case int32
    case int64
    case float16
    case float32

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .bool: 1
        case .int32: 4
        case .int64: 8
        case .float16: 2
        case .float32: 4
        }
    }

    public var isFloatingPoint: Bool { self == .float16 || self == .float32 }
    public var isInteger: Bool { self == .int32 || self == .int64 }
    public var isNumeric: Bool { self != .bool }

    /// MLX prints `mlx.core.float32`; we print the bare name (`float32`) as `array(..., dtype=float32)` does.
    public var description: String { rawValue }

    /// Rank inside its kind, used by `promote`.
    private var rank: Int {
        switch self {
        case .bool: 0
        case .int32: 1
        case .int64: 2
        case .float16: 3
        case .float32: 4
        }
    }

    /// The dtype two operands are converted to before a binary op.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        switch (a.isFloatingPoint, b.isFloatingPoint) {
        case (true, true): return a.rank > b.rank ? a : b
        case (true, false): return a
        case (false, true): return b
        case (false, false): return a.rank > b.rank ? a : b
        }
    }

    /// The dtype transcendental ops (exp, log, …) and true division produce for an input dtype.
    public var floatingResult: DType { isFloatingPoint ? self : .float32 }
}

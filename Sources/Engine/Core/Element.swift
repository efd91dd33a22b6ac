/// A Swift type that can be an array element. Conversions go through `Double` (floats) and
/// `Int64` (integers) so that `astype` between any two dtypes has one well-defined path.
public protocol Element: Sendable {
    static var dtype: DType { get }
    init(converting value: Double)
    init(converting value: Int64)
    var doubleValue: Double { get }
    var int64Value: Int64 { get }
}

extension Float: Element {
    public static var dtype: DType { .float32 }
    @inline(__always) public init(converting value: Double) { self = Float(value) }
    @inline(__always) public init(converting value: Int64) { self = Float(value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { Int64(saturating: Double(self)) }
}

extension Float16: Element {
    public static var dtype: DType { .float16 }
    @inline(__always) public init(converting value: Double) { self = Float16(Float(value)) }
    @inline(__always) public init(converting value: Int64) { self = Float16(Float(value)) }
    @inline(__always) public var doubleValue: Double { Double(Float(self)) }
    @inline(__always) public var int64Value: Int64 { Int64(saturating: Double(Float(self))) }
}

extension Int32: Element {
    public static var dtype: DType { .int32 }
    @inline(__always) public init(converting value: Double) { self = Int32(truncatingIfNeeded: Int64(saturating: value)) }
    @inline(__always) public init(converting value: Int64) { self = Int32(truncatingIfNeeded: value) }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { Int64(self) }
}

extension Int64: Element {
    public static var dtype: DType { .int64 }
    @inline(__always) public init(converting value: Double) { self = Int64(saturating: value) }
    @inline(__always) public init(converting value: Int64) { self = value }
    @inline(__always) public var doubleValue: Double { Double(self) }
    @inline(__always) public var int64Value: Int64 { self }
}

extension Bool: Element {
    public static var dtype: DType { .bool }
    @inline(__always) public init(converting value: Double) { self = value != 0 }
    @inline(__always) public init(converting value: Int64) { self = value != 0 }
    @inline(__always) public var doubleValue: Double { self ? 1 : 0 }
    @inline(__always) public var int64Value: Int64 { self ? 1 : 0 }
}

extension Int64 {
    /// Float → int truncates toward zero like C; NaN becomes 0 and out-of-range values saturate
    /// instead of trapping (Swift's `Int64(Double)` traps, and bad input must never crash).
    @inline(__always) init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9.223372036854775807e18 {
            self = .max
        } else if value <= -9.223372036854775808e18 {
            self = .min
        } else {
            self = Int64(value)
        }
    }
}

/// How closely an OpenCL result must match the CPU's.
enum Tolerance: Sendable, CustomStringConvertible {
    /// Bit for bit (any NaN matches any NaN, −0 matches +0: reduction order may pick either zero).
    case exact
    /// Within `n` units in the last place of the output dtype.
    case ulps(Int)
    /// |gpu − cpu| ≤ rate · max(|cpu|, floor).
    case relative(Double, floor: Double)
    /// At least `fraction` of the elements bit for bit, the rest within `ulps` (normal draws, whose
    /// erfinv calls glibc's `logf` on the CPU: not correctly rounded for ~0.1% of inputs).
    case mostlyExact(fraction: Double, ulps: Int)

    var description: String {
        switch self {
        case .exact: "exact"
        case .ulps(let n): "\(n) ulp"
        case .relative(let rate, let floor): "relative \(rate) (floor \(floor))"
        case .mostlyExact(let fraction, let ulps): "\(fraction * 100)% exact, rest \(ulps) ulp"
        }
    }

    /// nil when `actual` matches `expected` (row-major bytes of `dtype`), else what differs.
    func compare(expected: [UInt8], actual: [UInt8], dtype: DType) -> String? {
        guard expected.count == actual.count else { return "\(actual.count) bytes, expected \(expected.count)" }
        let count = expected.count / dtype.size
        var mismatches = 0
        var inexact = 0
        var first: String?
        for i in 0..<count {
            let a = Self.element(expected, i, dtype)
            let b = Self.element(actual, i, dtype)
            var ok: Bool
            var exactMatch = false
            if !dtype.isFloatingPoint {
                ok = a.bits == b.bits
                exactMatch = ok
            } else if a.value.isNaN || b.value.isNaN {
                ok = a.value.isNaN && b.value.isNaN
                exactMatch = ok
            } else if a.value == b.value {
                ok = true
                exactMatch = true
            } else {
                switch self {
                case .exact: ok = false
                case .ulps(let n), .mostlyExact(_, let n):
                    ok = !a.value.isInfinite && !b.value.isInfinite && Swift.abs(a.ordered - b.ordered) <= Int64(n)
                case .relative(let rate, let floor):
                    ok = !a.value.isInfinite && !b.value.isInfinite
                        && Swift.abs(a.value - b.value) <= rate * Swift.max(Swift.abs(a.value), floor)
                }
            }
            if ok && !exactMatch { inexact += 1 }
            if !ok {
                mismatches += 1
                if first == nil { first = "element \(i): gpu \(b.text), cpu \(a.text)" }
            }
        }
        if case .mostlyExact(let fraction, _) = self, count > 0, Double(count - inexact) < fraction * Double(count) {
            return "\(inexact) of \(count) elements inexact (allowed \(Int((1 - fraction) * Double(count))))"
        }
        guard mismatches > 0, let first else { return nil }
        return "\(mismatches) of \(count) elements differ (\(description)); first: \(first)"
    }

    /// One element as raw bits, value, and a position on the ordered line of floats (for ulps).
    private static func element(_ bytes: [UInt8], _ i: Int, _ dtype: DType) -> (bits: UInt64, value: Double, ordered: Int64, text: String) {
        var bits: UInt64 = 0
        for b in 0..<dtype.size { bits |= UInt64(bytes[i * dtype.size + b]) << (8 * b) }
        switch dtype {
        case .float32:
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: bits))
            let s = Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: bits)))
            return (bits, Double(f), s < 0 ? Int64(Int32.min) - s : s, "\(f)")
        case .float16:
            let f = Float16(bitPattern: UInt16(truncatingIfNeeded: bits))
            let s = Int64(Int16(bitPattern: UInt16(truncatingIfNeeded: bits)))
            return (bits, Double(Float(f)), s < 0 ? Int64(Int16.min) - s : s, "\(Float(f))")
        case .int32: return (bits, 0, 0, "\(Int32(truncatingIfNeeded: bits))")
        case .int64: return (bits, 0, 0, "\(Int64(bitPattern: bits))")
        case .bool: return (bits, 0, 0, bits != 0 ? "true" : "false")
        }
    }
}

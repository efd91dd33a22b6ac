/// Appends JSON text to a byte buffer: fast enough for 10⁶ trace events, and every number it
/// writes is finite (JSON has no NaN or Infinity).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(reserving capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func int<T: BinaryInteger>(_ value: T) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(UInt64(value.magnitude))
    }

    /// Decimal digits without going through a String (the trace writes millions of numbers).
    private mutating func digits(_ value: UInt64) {
        var v = value
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &buffer) { raw -> Int in
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v > 0
            bytes.append(contentsOf: raw[i...])
            return raw.count - i
        }
        _ = count
    }

    /// A finite double with up to 3 decimals (non-finite values are written as 0).
    mutating func number(_ value: Double) {
        guard value.isFinite else { return raw("0") }
        let scaled = (value * 1000).rounded()
        guard abs(scaled) < 9e15 else { return int(Int64(value)) }
        fixed3(Int64(scaled))
    }

    /// Nanoseconds (signed) as microseconds with exactly 3 decimals: 1523105 → 1523.105.
    mutating func micros(_ ns: Int64) { fixed3(ns) }

    private mutating func fixed3(_ thousandths: Int64) {
        if thousandths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = thousandths.magnitude
        digits(magnitude / 1000)
        let fraction = magnitude % 1000
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// A quoted, escaped string.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for unit in text.utf8 {
            switch unit {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                raw("\\u00")
                bytes.append(hex[Int(unit >> 4)])
                bytes.append(hex[Int(unit & 15)])
            default: bytes.append(unit)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

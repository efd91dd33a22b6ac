/// The UTF-8 bytes of one grapheme cluster, stored inline (up to 23 bytes).
///
/// Keeping the text inline makes `Cell` a trivial value: copying, clearing and diffing a
/// 12 000-cell canvas becomes plain memory traffic instead of reference counting on
/// `String`, which is what keeps a full frame under a millisecond. Clusters longer than
/// 23 bytes (long emoji ZWJ sequences, which terminals disagree on anyway) are stored as
/// U+FFFD.
public struct Glyph: Hashable, Sendable {
    /// Bytes 0–22 hold UTF-8, byte 23 the length (little-endian layout of the words).
    private var w0: UInt64 = 0
    private var w1: UInt64 = 0
    private var w2: UInt64 = 0

    public static let capacity = 23

    public init() {}

    /// A single ASCII byte (the common case, without touching `String`).
    @inlinable
    public init(ascii byte: UInt8) {
        self.init()
        setBytes { buffer in buffer[0] = byte; return 1 }
    }

    /// One Unicode scalar, encoded by hand: the hot path for box drawing, braille and blocks.
    public init(scalar: Unicode.Scalar) {
        self.init()
        let v = scalar.value
        setBytes { b in
            switch v {
            case ..<0x80:
                b[0] = UInt8(v); return 1
            case ..<0x800:
                b[0] = UInt8(0xC0 | v >> 6); b[1] = UInt8(0x80 | v & 0x3F); return 2
            case ..<0x10000:
                b[0] = UInt8(0xE0 | v >> 12); b[1] = UInt8(0x80 | v >> 6 & 0x3F); b[2] = UInt8(0x80 | v & 0x3F)
                return 3
            default:
                b[0] = UInt8(0xF0 | v >> 18); b[1] = UInt8(0x80 | v >> 12 & 0x3F)
                b[2] = UInt8(0x80 | v >> 6 & 0x3F); b[3] = UInt8(0x80 | v & 0x3F)
                return 4
            }
        }
    }

    public init(_ text: some StringProtocol) {
        self.init(utf8: text.utf8)
    }

    public init(_ character: Character) {
        self.init(utf8: character.utf8)
    }

    init(utf8 bytes: some Sequence<UInt8>) {
        self.init()
        var stored = 0
        setBytes { buffer in
            for byte in bytes {
                guard stored < Glyph.capacity else { stored = -1; break }
                buffer[stored] = byte
                stored += 1
            }
            return stored
        }
        if stored < 0 { self = Glyph("\u{FFFD}") }
    }

    /// Number of UTF-8 bytes.
    public var count: Int { Int(w2 >> 56) }

    public var string: String {
        withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the stored bytes (no allocation).
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = self
        let n = count
        return try withUnsafeBytes(of: &copy) { raw in
            try body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n))
        }
    }

    /// Writes bytes through `fill`, which returns how many it wrote (or −1 for overflow).
    @usableFromInline
    mutating func setBytes(_ fill: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        w0 = 0; w1 = 0; w2 = 0
        let n = withUnsafeMutableBytes(of: &self) { raw in
            fill(UnsafeMutableBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Glyph.capacity))
        }
        if n > 0 { w2 |= UInt64(n) << 56 }
    }
}

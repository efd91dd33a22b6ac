/// A 128-bit FNV-1a digest (two 64-bit lanes with different offsets), hex-encoded: enough to name
/// a cache file after a kernel source without a crypto library.
enum SourceHash {
    static func hex(_ text: String) -> String {
        hex(Array(text.utf8))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let a = fnv(bytes, basis: 0xcbf2_9ce4_8422_2325)
        let b = fnv(bytes, basis: 0x84_2222_3255_cbf2)
        return hex64(a) + hex64(b)
    }

    static func fnv(_ bytes: [UInt8], basis: UInt64) -> UInt64 {
        var h = basis
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    static func hex64(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

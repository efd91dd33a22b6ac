import Foundation

/// A random key: two 32-bit words, as MLX's `random.key(seed)` = `[seed >> 32, seed & 0xffffffff]`.
public struct RandomKey: Sendable, Hashable {
    public let high: UInt32
    public let low: UInt32

    public init(seed: UInt64) {
        high = UInt32(truncatingIfNeeded: seed >> 32)
        low = UInt32(truncatingIfNeeded: seed)
    }

    public init(_ high: UInt32, _ low: UInt32) {
        self.high = high
        self.low = low
    }

    /// Two independent keys derived from this one (as MLX/JAX `split`).
    public func split() -> (RandomKey, RandomKey) {
        let bits = Threefry.bits(key: self, count: 4)
        return (RandomKey(bits[0], bits[1]), RandomKey(bits[2], bits[3]))
    }
}

/// Counter-based Threefry-2x32 with 20 rounds, laid out exactly as MLX's `RandomBits`, so a key
/// gives the same numbers here, in MLX, and in an OpenCL kernel that follows the same recipe.
enum Threefry {
    @inline(__always)
    static func hash(_ key: RandomKey, _ c0: UInt32, _ c1: UInt32) -> (UInt32, UInt32) {
        let ks0 = key.high
        let ks1 = key.low
        let ks = (ks0, ks1, ks0 ^ ks1 ^ 0x1BD1_1BDA)
        func k(_ i: Int) -> UInt32 { i == 0 ? ks.0 : (i == 1 ? ks.1 : ks.2) }
        var x0 = c0 &+ ks0
        var x1 = c1 &+ ks1
        let rotations: [[UInt32]] = [[13, 15, 26, 6], [17, 29, 16, 24]]
        for i in 0..<5 {
            for r in rotations[i % 2] {
                x0 = x0 &+ x1
                x1 = (x1 << r) | (x1 >> (32 - r))
                x1 ^= x0
            }
            x0 = x0 &+ k((i + 1) % 3)
            x1 = x1 &+ k((i + 2) % 3) &+ UInt32(i + 1)
        }
        return (x0, x1)
    }

    /// `count` 32-bit words for one key: word i and word i + half come from one hash of (i, i + half).
    static func bits(key: RandomKey, count: Int) -> [UInt32] {
        var out = [UInt32](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { fill(key: key, into: $0.baseAddress!, count: count) }
        return out
    }

    static func fill(key: RandomKey, into out: UnsafeMutablePointer<UInt32>, count: Int) {
        let half = count / 2
        let odd = count % 2
        let dst = UncheckedSendable(out)
        Parallel.forRanges(half, grain: 1 << 14) { range in
            for i in range {
                let (a, b) = hash(key, UInt32(truncatingIfNeeded: i), UInt32(truncatingIfNeeded: i + half + odd))
                dst.value[i] = a
                dst.value[i + half + odd] = b
            }
        }
        if odd == 1 {
            out[half] = hash(key, UInt32(truncatingIfNeeded: half), 0).0
        }
    }

    /// Uniform floats in [0, 1): bits / UInt32.max in float32, clipped below 1 (MLX's recipe).
    @inline(__always)
    static func unit(_ bits: UInt32) -> Float {
        let upper = Float(1).nextDown
        return Swift.min(Float(bits) / Float(UInt32.max), upper)
    }

    /// Inverse error function, float32 (M. Giles' polynomial, as MLX uses), so `normal` matches MLX.
    @inline(__always)
    static func erfinv(_ a: Float) -> Float {
        var t = Foundation.fmaf(a, 0 - a, 1)
        t = Foundation.log(t)
        var p: Float
        if Swift.abs(t) > 6.125 {
            p = 3.03697567e-10
            p = Foundation.fmaf(p, t, 2.93243101e-8)
            p = Foundation.fmaf(p, t, 1.22150334e-6)
            p = Foundation.fmaf(p, t, 2.84108955e-5)
            p = Foundation.fmaf(p, t, 3.93552968e-4)
            p = Foundation.fmaf(p, t, 3.02698812e-3)
            p = Foundation.fmaf(p, t, 4.83185798e-3)
            p = Foundation.fmaf(p, t, -2.64646143e-1)
            p = Foundation.fmaf(p, t, 8.40016484e-1)
        } else {
            p = 5.43877832e-9
            p = Foundation.fmaf(p, t, 1.43285448e-7)
            p = Foundation.fmaf(p, t, 1.22774793e-6)
            p = Foundation.fmaf(p, t, 1.12963626e-7)
            p = Foundation.fmaf(p, t, -5.61530760e-5)
            p = Foundation.fmaf(p, t, -1.47697632e-4)
            p = Foundation.fmaf(p, t, 2.31468678e-3)
            p = Foundation.fmaf(p, t, 1.15392581e-2)
            p = Foundation.fmaf(p, t, -2.32015476e-1)
            p = Foundation.fmaf(p, t, 8.86226892e-1)
        }
        return a * p
    }
}

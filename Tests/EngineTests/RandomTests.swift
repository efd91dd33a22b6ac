import Foundation
import Testing

@testable import Engine

@Suite("Random (Threefry, MLX-compatible)")
struct RandomTests {
    @Test("Threefry-2x32-20 known-answer vectors (Random123 kat_vectors)")
    func threefryKAT() {
        // key (0,0), counter (0,0) → (0x6b200159, 0x99ba4efe)
        let z = Threefry.hash(RandomKey(0, 0), 0, 0)
        #expect(z.0 == 0x6b20_0159 && z.1 == 0x99ba_4efe)
        // key (ffffffff, ffffffff), counter (ffffffff, ffffffff) → (0x1cb996fc, 0xbb002be7)
        let f = Threefry.hash(RandomKey(0xffff_ffff, 0xffff_ffff), 0xffff_ffff, 0xffff_ffff)
        #expect(f.0 == 0x1cb9_96fc && f.1 == 0xbb00_2be7)
        // key (13198a2e, 03707344), counter (243f6a88, 85a308d3) → (0xc4923a9c, 0x483df7a0)
        let p = Threefry.hash(RandomKey(0x1319_8a2e, 0x0370_7344), 0x243f_6a88, 0x85a3_08d3)
        #expect(p.0 == 0xc492_3a9c && p.1 == 0x483d_f7a0)
    }

    @Test("key(seed) is [seed >> 32, seed & 0xffffffff] as MLX")
    func keys() {
        let k = Random.key(0x0000_0001_0000_0002)
        #expect(k.high == 1 && k.low == 2)
        #expect(Random.key(0) == RandomKey(0, 0))
    }

    @Test("uniform(shape: [4], key: key(0)) matches MLX")
    func uniformMatchesMLX() throws {
        let u = try Random.uniform(shape: [4], key: Random.key(0))
        #expect(u.dtype == .float32)
        try expectClose(u, [0.96532148, 0.22515903, 0.63303, 0.29638183], rtol: 1e-6)
    }

    @Test("normal(shape: [4], key: key(0)) matches MLX")
    func normalMatchesMLX() throws {
        let n = try Random.normal(shape: [4], key: Random.key(0))
        try expectClose(n, [1.8160871, -0.7548848, 0.3398893, -0.5348353], rtol: 1e-5)
        // loc/scale apply after the standard draw.
        let s = try Random.normal(shape: [4], loc: 10, scale: 2, key: Random.key(0))
        try expectClose(s, [1.8160871, -0.7548848, 0.3398893, -0.5348353].map { 10 + 2 * $0 }, rtol: 1e-5)
    }

    @Test("100k draws have the right mean and variance")
    func statistics() throws {
        let n = 100_000
        let u = try floats(Random.uniform(shape: [n], key: Random.key(7))).map(Double.init)
        let um = u.reduce(0, +) / Double(n)
        let uv = u.map { ($0 - um) * ($0 - um) }.reduce(0, +) / Double(n)
        // Standard error of the mean is 0.29/√n ≈ 0.0009; of the variance ≈ 0.0002.
        #expect(Swift.abs(um - 0.5) < 0.005, "uniform mean \(um)")
        #expect(Swift.abs(uv - 1.0 / 12) < 0.002, "uniform variance \(uv)")
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        let g = try floats(Random.normal(shape: [n], key: Random.key(8))).map(Double.init)
        let gm = g.reduce(0, +) / Double(n)
        let gv = g.map { ($0 - gm) * ($0 - gm) }.reduce(0, +) / Double(n)
        #expect(Swift.abs(gm) < 0.015, "normal mean \(gm)")
        #expect(Swift.abs(gv - 1) < 0.03, "normal variance \(gv)")
        // About 68.3% within one sigma.
        let within = Double(g.filter { Swift.abs($0) < 1 }.count) / Double(n)
        #expect(Swift.abs(within - 0.6827) < 0.01, "fraction within 1σ \(within)")
        let b = try floats(Random.uniform(low: -2, high: 3, shape: [1000], key: Random.key(9)))
        #expect(b.allSatisfy { $0 >= -2 && $0 < 3 })
        #expect(b.contains { $0 < -1 } && b.contains { $0 > 2 })
    }

    @Test("same key → same values; different keys and split keys differ")
    func reproducibility() throws {
        let a = try floats(Random.uniform(shape: [64], key: Random.key(3)))
        let b = try floats(Random.uniform(shape: [64], key: Random.key(3)))
        let c = try floats(Random.uniform(shape: [64], key: Random.key(4)))
        #expect(a == b)
        #expect(a != c)
        let (k1, k2) = Random.key(3).split()
        #expect(k1 != k2)
        let d = try floats(Random.uniform(shape: [64], key: k1)), e = try floats(Random.uniform(shape: [64], key: k2))
        #expect(d != e && d != a)
        // Without a key, successive draws come from a splitting sequence and differ.
        let x = try floats(Random.normal(shape: [16])), y = try floats(Random.normal(shape: [16]))
        #expect(x != y)
    }

    @Test("float16 draws and odd lengths")
    func float16AndOdd() throws {
        let h = try Random.uniform(shape: [101], dtype: .float16, key: Random.key(1))
        #expect(h.dtype == .float16)
        #expect(try floats(h).allSatisfy { $0 >= 0 && $0 <= 1 })
        let odd = try floats(Random.uniform(shape: [5], key: Random.key(0)))
        #expect(Set(odd).count == 5)
        #expect(try Random.uniform(shape: [0]).shape == [0])
        #expect(try Random.uniform(shape: [2, 3], key: Random.key(0)).shape == [2, 3])
    }
}

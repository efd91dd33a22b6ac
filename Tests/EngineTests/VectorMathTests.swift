import CFastMath
import Foundation
import Testing

@testable import Engine

/// The C kernels of `CFastMath`, every instruction-set level this CPU can run, against glibc and
/// naive Double references over a dense sweep of float32 (see `FastMathTests.sweep`).
@Suite struct VectorMathTests {
    /// Every level this machine supports (portable always; AVX2 and AVX-512 where present).
    static let levels: [(String, cfm_kernels)] = (0...cfm_max_level()).compactMap { level in
        cfm_kernels_for(level).map { (String(cString: cfm_level_name(level)), $0.pointee) }
    }

    static func sweepInputs(_ lo: Float, _ hi: Float) -> [Float] {
        var xs: [Float] = []
        FastMathTests.sweep(lo, hi) { xs.append($0) }
        return xs
    }

    /// Runs a map kernel over `xs` (out of place) and returns the worst ulp error against `want`.
    static func worst(
        _ f: (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void, _ xs: [Float], _ want: (Float) -> Float
    ) -> (ulps: Float, at: Float) {
        var ys = [Float](repeating: 0, count: xs.count)
        f(xs, &ys, xs.count)
        var worst: (Float, Float) = (0, 0)
        for (x, y) in zip(xs, ys) {
            let e = FastMathTests.ulpError(y, want(x))
            if e > worst.0 || e.isNaN { worst = (e, x) }
        }
        return worst
    }

    @Test func levelsIncludePortableAndActiveIsSupported() {
        #expect(Self.levels.first?.0 == "portable")
        #expect(cfm_level() >= 0 && cfm_level() <= cfm_max_level())
        #expect(cfm_kernels_for(cfm_max_level() + 1) == nil)
        #expect(cfm_kernels_for(-1) == nil)
        #expect(["portable", "avx2+fma", "avx512"].contains(VectorMath.level))
    }

    @Test func expWithinOneUlpOfGlibc() {
        let xs = Self.sweepInputs(-104, 89)
        for (name, k) in Self.levels {
            let (e, at) = Self.worst(k.exp, xs) { Foundation.exp($0) }
            #expect(e <= 1, "\(name): worst \(e) ulp at x = \(at)")
            var special: [Float] = [.nan, .infinity, -.infinity, 89, 1000, -104, -1000, -103.9, 0, -0.0, 1e-30]
            var out = [Float](repeating: 1, count: special.count)
            k.exp(special, &out, special.count)
            #expect(out[0].isNaN, "\(name)")
            #expect(Array(out[1...]) == [.infinity, 0, .infinity, .infinity, 0, 0, Foundation.exp(Float(-103.9)), 1, 1, 1], "\(name)")
            #expect(out[7] != 0 && out[7].isSubnormal, "\(name): exp(-103.9) is subnormal")
            // In place (the engine donates buffers): same results as out of place.
            k.exp(special, &special, special.count)
            #expect(zip(special, out).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(name) in place")
        }
    }

    @Test func logWithinOneUlpOfGlibc() {
        // Positive floats from the smallest subnormal to the largest finite, plus the specials.
        let xs = Self.sweepInputs(-Float.greatestFiniteMagnitude, .greatestFiniteMagnitude)
        for (name, k) in Self.levels {
            let (e, at) = Self.worst(k.log, xs) { Foundation.log($0) }
            #expect(e <= 1, "\(name): worst \(e) ulp at x = \(at)")
            let special: [Float] = [.nan, .infinity, -.infinity, 0, -0.0, -1, 1, .leastNonzeroMagnitude, 2]
            var out = [Float](repeating: 7, count: special.count)
            k.log(special, &out, special.count)
            #expect(out[0].isNaN && out[2].isNaN && out[5].isNaN, "\(name): \(out)")
            #expect(out[1] == .infinity && out[3] == -.infinity && out[4] == -.infinity && out[6] == 0, "\(name): \(out)")
            #expect(out[7] == Foundation.log(Float.leastNonzeroMagnitude), "\(name): log of the least subnormal \(out[7])")
            #expect(out[8] == Float(M_LN2), "\(name)")
        }
    }

    @Test func tanhAndSigmoidWithinTwoUlp() {
        let xs = Self.sweepInputs(-20, 20)
        let wide = Self.sweepInputs(-88, 104)
        for (name, k) in Self.levels {
            let (t, tAt) = Self.worst(k.tanh, xs) { Foundation.tanh($0) }
            #expect(t <= 2, "\(name): tanh worst \(t) ulp at x = \(tAt)")
            let (s, sAt) = Self.worst(k.sigmoid, wide) { x in x.isNaN ? .nan : Float(1 / (1 + Foundation.exp(-Double(x)))) }
            #expect(s <= 2, "\(name): sigmoid worst \(s) ulp at x = \(sAt)")
            let special: [Float] = [-0.0, .infinity, -.infinity, .nan]
            var out = [Float](repeating: 7, count: 4)
            k.tanh(special, &out, 4)
            #expect(out[0] == 0 && out[0].sign == .minus && out[1] == 1 && out[2] == -1 && out[3].isNaN, "\(name): \(out)")
            k.sigmoid(special, &out, 4)
            #expect(out[0] == 0.5 && out[1] == 1 && out[2] == 0 && out[3].isNaN, "\(name): \(out)")
        }
    }

    /// No fused multiply-adds anywhere, so every level equals the Swift `FastMath` (the strided
    /// path, and what the OpenCL kernels mirror) bit for bit.
    @Test func levelsAgreeBitForBitWithSwiftFastMath() {
        let xs = Self.sweepInputs(-110, 110)
        let maps: [(String, (cfm_kernels, [Float], inout [Float]) -> Void, (Float) -> Float)] = [
            ("exp", { k, x, y in k.exp(x, &y, x.count) }, FastMath.exp),
            ("tanh", { k, x, y in k.tanh(x, &y, x.count) }, FastMath.tanh),
            ("sigmoid", { k, x, y in k.sigmoid(x, &y, x.count) }, FastMath.sigmoid),
        ]
        for (level, k) in Self.levels {
            for (name, run, swift) in maps {
                var ys = [Float](repeating: 0, count: xs.count)
                run(k, xs, &ys)
                let differing = zip(xs, ys).first { $0.1.bitPattern != swift($0.0).bitPattern && !($0.1.isNaN && swift($0.0).isNaN) }
                #expect(differing == nil, "\(level) \(name): x = \(differing?.0 ?? 0) gave \(differing?.1 ?? 0), Swift \(differing.map { swift($0.0) } ?? 0)")
            }
        }
    }

    /// Softmax and logsumexp rows of every length 0…70 (vector bodies and scalar tails) against
    /// Double references, plus NaN and infinite rows.
    @Test func softmaxAndLogsumexpRowsMatchDoubleReference() {
        var state: UInt64 = 42
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 4000) / 100 - 20  // [-20, 20)
        }
        for (name, k) in Self.levels {
            for n in 0...70 {
                let x = (0..<n).map { _ in next() }
                let m = x.map(Double.init).max() ?? 0
                let e = x.map { Foundation.exp(Double($0) - m) }
                let total = e.reduce(0, +)
                var y = [Float](repeating: .nan, count: n)
                k.softmax_row(x, &y, n)
                for i in 0..<n {
                    let want = e[i] / total
                    // x − max rounds in float (≤ |x − max|·2⁻²⁴ absolute), which e^· turns into that
                    // much relative error; then a few ulp for exp, the sum and the division.
                    let bound = want * (5e-7 + Swift.abs(Double(x[i]) - m) * 0x1p-23) + 1e-45
                    #expect(Swift.abs(Double(y[i]) - want) <= bound, "\(name) n=\(n) [\(i)] \(y[i]) vs \(want)")
                }
                let lse = k.logsumexp_row(x, n)
                if n == 0 {
                    #expect(lse == -.infinity, "\(name)")
                } else {
                    let want = m + Foundation.log(total)
                    #expect(Swift.abs(Double(lse) - want) <= 2e-7 * Swift.max(1, Swift.abs(want)), "\(name) n=\(n) \(lse) vs \(want)")
                }
            }
            var row: [Float] = Array(repeating: 1, count: 40)
            row[33] = .nan
            var y = [Float](repeating: 0, count: 40)
            k.softmax_row(row, &y, 40)
            #expect(y.allSatisfy { $0.isNaN }, "\(name): NaN spreads through softmax")
            #expect(k.logsumexp_row(row, 40).isNaN, "\(name)")
            row[33] = .infinity
            #expect(k.logsumexp_row(row, 40) == .infinity, "\(name)")
            row[33] = -.infinity
            k.softmax_row(row, &y, 40)
            #expect(y[33] == 0 && Swift.abs(y[0] - 1 / 39) <= 1e-7, "\(name): e^−∞ is 0")
            let allLow = [Float](repeating: -.infinity, count: 20)
            #expect(k.logsumexp_row(allLow, 20) == -.infinity, "\(name)")
        }
    }

    /// Through the engine: dense float32 exp/log/tanh/sigmoid and softmax/logsumexp run the active
    /// level's kernels (bit-identical), on sizes that split across threads.
    @Test func engineUsesActiveKernels() throws {
        let n = 1 << 18
        let xs = (0..<n).map { Float($0 % 2000) / 50 - 20 }
        let t = try Tensor(xs, shape: [n])
        let active = cfm_kernels_for(cfm_level())!.pointee
        let maps: [(String, (Tensor) throws -> Tensor, (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void)] = [
            ("exp", { try Engine.exp($0) }, active.exp), ("tanh", { try Engine.tanh($0) }, active.tanh),
            ("sigmoid", { try Engine.sigmoid($0) }, active.sigmoid), ("log", { try Engine.log(Engine.abs($0)) }, active.log),
        ]
        for (name, op, kernel) in maps {
            let input = name == "log" ? xs.map { Swift.abs($0) } : xs
            var want = [Float](repeating: 0, count: n)
            kernel(input, &want, n)
            let got = try op(t).toArray(Float.self)
            #expect(zip(got, want).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(name)")
        }
        let rows = try reshape(t, [512, 512])
        let soft = try softmax(rows, axis: 1).toArray(Float.self)
        var wantSoft = [Float](repeating: 0, count: n)
        xs.withUnsafeBufferPointer { x in
            wantSoft.withUnsafeMutableBufferPointer { y in
                for r in 0..<512 { active.softmax_row(x.baseAddress! + r * 512, y.baseAddress! + r * 512, 512) }
            }
        }
        #expect(soft == wantSoft)
        let lse = try logsumexp(rows, axes: [1]).toArray(Float.self)
        let wantLse = xs.withUnsafeBufferPointer { x in (0..<512).map { active.logsumexp_row(x.baseAddress! + $0 * 512, 512) } }
        #expect(lse == wantLse)
    }
}

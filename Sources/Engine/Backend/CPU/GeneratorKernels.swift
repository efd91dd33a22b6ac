/// Kernels that create data from nothing: fills, ranges, identity, random draws.
enum GeneratorKernels {
    static func full(_ value: Scalar, dtype: DType, count: Int, out: Buffer) {
        switch dtype {
        case .bool: fill(out.typed(Bool.self), count, value.doubleValue != 0)
        case .int32: fill(out.typed(Int32.self), count, Int32(truncatingIfNeeded: value.int64Value))
        case .int64: fill(out.typed(Int64.self), count, value.int64Value)
        case .float16: fill(out.typed(Float16.self), count, Float16(Float(value.doubleValue)))
        case .float32: fill(out.typed(Float.self), count, Float(value.doubleValue))
        }
    }

    private static func fill<T>(_ p: UnsafeMutablePointer<T>, _ count: Int, _ v: T) {
        p.initialize(repeating: v, count: count)
    }

    /// Fills element i with `f(i)`, converted to the output dtype.
    private static func generate(dtype: DType, count: Int, out: Buffer, _ f: (Int) -> Double) {
        switch dtype {
        case .bool: for i in 0..<count { out.typed(Bool.self)[i] = f(i) != 0 }
        case .int32: for i in 0..<count { out.typed(Int32.self)[i] = Int32(converting: f(i)) }
        case .int64: for i in 0..<count { out.typed(Int64.self)[i] = Int64(saturating: f(i)) }
        case .float16: for i in 0..<count { out.typed(Float16.self)[i] = Float16(Float(f(i))) }
        case .float32: for i in 0..<count { out.typed(Float.self)[i] = Float(f(i)) }
        }
    }

    static func arange(start: Double, step: Double, dtype: DType, count: Int, out: Buffer) {
        if dtype.isInteger, start.rounded() == start, step.rounded() == step {
            // Exact integer arithmetic: Double would lose int64 precision past 2⁵³.
            let s = Int64(start)
            let d = Int64(step)
            if dtype == .int32 {
                for i in 0..<count { out.typed(Int32.self)[i] = Int32(truncatingIfNeeded: s &+ Int64(i) &* d) }
            } else {
                for i in 0..<count { out.typed(Int64.self)[i] = s &+ Int64(i) &* d }
            }
            return
        }
        generate(dtype: dtype, count: count, out: out) { start + Double($0) * step }
    }

    static func linspace(start: Double, stop: Double, dtype: DType, count: Int, out: Buffer) {
        let step = count > 1 ? (stop - start) / Double(count - 1) : 0
        generate(dtype: dtype, count: count, out: out) { i in i == count - 1 && count > 1 ? stop : start + Double(i) * step }
    }

    static func eye(k: Int, shape: [Int], dtype: DType, out: Buffer) {
        let columns = shape[1]
        generate(dtype: dtype, count: shape[0] * columns, out: out) { i in (i % columns) - (i / columns) == k ? 1 : 0 }
    }

    static func uniform(key: RandomKey, low: Double, high: Double, dtype: DType, count: Int, out: Buffer) throws(EngineError) {
        let bits = try Runtime.shared.cpuPool.allocate(max(count, 1) * 4, op: "uniform")
        let words = bits.typed(UInt32.self)
        Threefry.fill(key: key, into: words, count: count)
        // MLX computes in the target dtype: range · u + low, with u clipped below 1.
        let lo = Float(low)
        let range = Float(high) - lo
        let value = { (i: Int) -> Double in Double(range * Threefry.unit(words[i]) + lo) }
        generate(dtype: dtype, count: count, out: out, value)
    }

    static func normal(key: RandomKey, loc: Double, scale: Double, dtype: DType, count: Int, out: Buffer) throws(EngineError) {
        let bits = try Runtime.shared.cpuPool.allocate(max(count, 1) * 4, op: "normal")
        let words = bits.typed(UInt32.self)
        Threefry.fill(key: key, into: words, count: count)
        // MLX: uniform on [nextafter(-1, 0), 1), then √2 · erfinv, then scale and shift.
        let lo = Float(-1).nextUp
        let range = Float(1) - lo
        let root2 = Float(2.0.squareRoot())
        let s = Float(scale)
        let l = Float(loc)
        let value = { (i: Int) -> Double in
            let u = range * Threefry.unit(words[i]) + lo
            return Double(root2 * Threefry.erfinv(u) * s + l)
        }
        generate(dtype: dtype, count: count, out: out, value)
    }
}

import CFastMath

/// The float32 transcendentals over contiguous memory, in the C kernels of `CFastMath`: compiled for
/// SSE2, AVX2+FMA and AVX-512 and picked at load time from the CPU (the Swift `FastMath` loops
/// compile to the portable target only, and reach ~⅓ of the memory bandwidth). Strided inputs
/// keep the Swift functors.
public enum VectorMath {
    /// The instruction-set level the kernels run at ("portable", "avx2+fma", "avx512").
    public static var level: String { String(cString: cfm_level_name(cfm_level())) }

    typealias Map = (UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int) -> Void

    /// The C map for a float32 unary op, or nil when the op has none.
    static func map(_ op: UnaryOp) -> Map? {
        switch op {
        case .exp: { cfm_exp_f32($0, $1, $2) }
        case .log: { cfm_log_f32($0, $1, $2) }
        case .tanh: { cfm_tanh_f32($0, $1, $2) }
        case .sigmoid: { cfm_sigmoid_f32($0, $1, $2) }
        default: nil
        }
    }

    /// Runs `op` over `count` dense floats, split across the cores when large.
    static func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) -> Bool {
        guard let f = map(op) else { return false }
        let src = UncheckedSendable(x)
        let dst = UncheckedSendable(out)
        Parallel.forRanges(count, grain: vectorMathGrain) { range in
            f(src.value + range.lowerBound, dst.value + range.lowerBound, range.count)
        }
        return true
    }
}

/// Elements per thread below which a vectorised transcendental stays on one thread: about as
/// cheap per element as an add once AVX is in use.
let vectorMathGrain = 1 << 15

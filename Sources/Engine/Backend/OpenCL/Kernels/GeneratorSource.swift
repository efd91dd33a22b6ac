/// OpenCL C for arrays made from nothing: integer and floating ranges, linspace, eye, and the
/// Threefry-2x32 draws laid out exactly as `Threefry.fill` (word i and word i + half + odd come from
/// one hash of the counters (i, i + half + odd); an odd middle word from (half, 0)).
enum GeneratorSource {
    /// One program per dtype: `arange_int` (integers), `arange_double` and `linspace_double` (with
    /// fp64), and `eye`.
    static func group(_ type: DType, fp64: Bool) -> String {
        KernelPrelude.source(fp64: fp64) + (type.isInteger ? integerRange(type) : "") + (fp64 ? doubleRanges(type) : "") + eye(type)
    }

    /// `arange_int(out, start, step, count)`: `start + i·step` with wrap-around, as the CPU's integer path.
    static func integerRange(_ type: DType) -> String {
        let t = CLTypeInfo(type)
        let value = type == .int32 ? "as_int((uint)v)" : "(long)v"
        return """
            __kernel void arange_int(__global \(t.storage) *out, long start, long step, long count) {
              long i = get_global_id(0);
              if (i >= count) return;
              ulong v = (ulong)start + (ulong)i * (ulong)step;
              \(t.store("out", "i", value))
            }

            """
    }

    /// The CPU's `Double → dtype` conversion of `generate` as an expression of the double `v`.
    static func fromDouble(_ type: DType) -> String {
        switch type {
        case .bool: "v != 0.0"
        case .int32: "as_int((uint)(ulong)st_sat_long_d(v))"
        case .int64: "st_sat_long_d(v)"
        case .float16, .float32: "convert_float_rte(v)"
        }
    }

    /// `arange_double(out, start, step, count)` and `linspace_double(out, start, stop, step, count)`,
    /// in double as the CPU (needs `cl_khr_fp64`).
    static func doubleRanges(_ type: DType) -> String {
        let t = CLTypeInfo(type)
        return """
            __kernel void arange_double(__global \(t.storage) *out, double start, double step, long count) {
              long i = get_global_id(0);
              if (i >= count) return;
              double v = start + (double)i * step;
              \(t.store("out", "i", fromDouble(type)))
            }

            __kernel void linspace_double(__global \(t.storage) *out, double start, double stop, double step, long count) {
              long i = get_global_id(0);
              if (i >= count) return;
              double v = (i == count - 1 && count > 1) ? stop : start + (double)i * step;
              \(t.store("out", "i", fromDouble(type)))
            }

            """
    }

    /// `eye(out, columns, k, count)`: 1 where column − row = k.
    static func eye(_ type: DType) -> String {
        let t = CLTypeInfo(type)
        let one = type.isFloatingPoint ? "1.0f" : "1"
        let zero = type.isFloatingPoint ? "0.0f" : "0"
        return """
            __kernel void eye(__global \(t.storage) *out, long columns, long k, long count) {
              long i = get_global_id(0);
              if (i >= count) return;
              \(t.store("out", "i", "((i % columns) - (i / columns) == k) ? \(one) : \(zero)"))
            }

            """
    }

    /// `uniform(out, k0, k1, count, lo, range)` and `normal(out, k0, k1, count, lo, range, root2, scale, loc)`.
    /// `log` inside erfinv goes through double when the device has it: glibc's `logf`, which the CPU
    /// calls, is correctly rounded over (0, 1] (checked exhaustively), and so is a double log rounded once.
    static func random(_ type: DType, fp64: Bool) -> String {
        let t = CLTypeInfo(type)
        let log = fp64 ? "convert_float_rte(log((double)t))" : "log(t)"
        return KernelPrelude.source(fp64: fp64) + """
            inline uint2 st_threefry(uint k0, uint k1, uint c0, uint c1) {
              uint ks[3] = { k0, k1, k0 ^ k1 ^ 0x1BD11BDAu };
              const uint rot[2][4] = { { 13, 15, 26, 6 }, { 17, 29, 16, 24 } };
              uint x0 = c0 + k0, x1 = c1 + k1;
              for (int i = 0; i < 5; ++i) {
                for (int j = 0; j < 4; ++j) { x0 += x1; x1 = rotate(x1, rot[i % 2][j]); x1 ^= x0; }
                x0 += ks[(i + 1) % 3];
                x1 += ks[(i + 2) % 3] + (uint)(i + 1);
              }
              return (uint2)(x0, x1);
            }

            /* Word i of Threefry.fill(key, count). */
            inline uint st_random_word(uint k0, uint k1, long i, long count) {
              long half_count = count / 2, odd = count % 2;
              if (i < half_count) return st_threefry(k0, k1, (uint)i, (uint)(i + half_count + odd)).x;
              if (odd == 1 && i == half_count) return st_threefry(k0, k1, (uint)half_count, 0u).x;
              long j = i - half_count - odd;
              return st_threefry(k0, k1, (uint)j, (uint)i).y;
            }

            inline float st_unit(uint bits) { return fmin(convert_float_rte(bits) / 4294967296.0f, 0x1.fffffep-1f); }

            inline float st_erfinv(float a) {
              float t = fma(a, 0.0f - a, 1.0f);
              t = \(log);
              float p;
              if (fabs(t) > 6.125f) {
                p = 3.03697567e-10f;
                p = fma(p, t, 2.93243101e-8f);
                p = fma(p, t, 1.22150334e-6f);
                p = fma(p, t, 2.84108955e-5f);
                p = fma(p, t, 3.93552968e-4f);
                p = fma(p, t, 3.02698812e-3f);
                p = fma(p, t, 4.83185798e-3f);
                p = fma(p, t, -2.64646143e-1f);
                p = fma(p, t, 8.40016484e-1f);
              } else {
                p = 5.43877832e-9f;
                p = fma(p, t, 1.43285448e-7f);
                p = fma(p, t, 1.22774793e-6f);
                p = fma(p, t, 1.12963626e-7f);
                p = fma(p, t, -5.61530760e-5f);
                p = fma(p, t, -1.47697632e-4f);
                p = fma(p, t, 2.31468678e-3f);
                p = fma(p, t, 1.15392581e-2f);
                p = fma(p, t, -2.32015476e-1f);
                p = fma(p, t, 8.86226892e-1f);
              }
              return a * p;
            }

            __kernel void uniform(__global \(t.storage) *out, uint k0, uint k1, long count, float lo, float range) {
              long i = get_global_id(0);
              if (i >= count) return;
              float v = range * st_unit(st_random_word(k0, k1, i, count)) + lo;
              \(t.store("out", "i", "v"))
            }

            __kernel void normal(__global \(t.storage) *out, uint k0, uint k1, long count, float lo, float range,
                                 float root2, float scale, float loc) {
              long i = get_global_id(0);
              if (i >= count) return;
              float u = range * st_unit(st_random_word(k0, k1, i, count)) + lo;
              float v = root2 * st_erfinv(u) * scale + loc;
              \(t.store("out", "i", "v"))
            }

            """
    }
}

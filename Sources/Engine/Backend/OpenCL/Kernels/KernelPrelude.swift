/// OpenCL C helpers every generated program starts with. Each mirrors a CPU kernel expression
/// exactly (FastMath's Cephes exp/tanh, NumPy floor division, Swift's saturating and `Double(Int64)`
/// conversions), so results agree bit for bit where the CPU's arithmetic is IEEE-exact. Floating
/// contraction is off: the CPU build never fuses a multiply and an add.
enum KernelPrelude {
    static func source(fp64: Bool) -> String {
        var text = """
            #pragma OPENCL FP_CONTRACT OFF
            \(fp64 ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "")
            \(StridedLayout.declaration)
            typedef struct { long outerRank, innerRank, outerCount, innerCount, inOffset;
              long outerShape[8], outerStride[8], innerShape[8], innerStride[8], outOuterStride[8], outInnerStride[8]; } rows_t;

            /* float -> nearest half -> float: the rounding a float16 result gets on the CPU. */
            inline float st_f16(float x) {
              ushort h; vstore_half_rte(x, 0, (__private half *)&h); return vload_half(0, (__private const half *)&h);
            }

            /* Int64(saturating: Double): NaN -> 0, out of range saturates, else truncates. */
            inline long st_sat_long(float x) {
              if (isnan(x)) return 0;
              if (x >= 9.223372036854775807e18f) return LONG_MAX;
              if (x <= -9.223372036854775808e18f) return LONG_MIN;
              return convert_long_rtz(x);
            }

            /* The value of Double(v) as an integer (round to 53 bits, ties to even); 2^63 saturates to
               LONG_MAX, which no other value rounds to, so order and float conversion are kept. */
            inline long st_round53(long v) {
              ulong m = v < 0 ? (ulong)0 - (ulong)v : (ulong)v;
              if (m < (1UL << 53)) return v;
              int shift = 64 - (int)clz(m) - 53;
              ulong low = m & ((1UL << shift) - 1UL);
              ulong halfway = 1UL << (shift - 1);
              ulong q = m >> shift;
              if (low > halfway || (low == halfway && (q & 1UL))) q += 1UL;
              ulong r = q << shift;
              if (v < 0) return r >= 0x8000000000000000UL ? LONG_MIN : -(long)r;
              return r >= 0x8000000000000000UL ? LONG_MAX : (long)r;
            }

            /* Float(Double(v)) for an int64. */
            inline float st_long_to_float(long v) { return convert_float_rte(st_round53(v)); }

            /* FastMath.exp: Cephes expf, branch-free, <= 2 ulp. */
            inline float st_exp(float x) {
              x = x > 88.8f ? 88.8f : x;
              x = x < -104.0f ? -104.0f : x;
              const float magic = 12582912.0f;
              float t = x * 1.44269504f + magic;
              float n = t - magic;
              float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
              float z = r * r;
              float p = 1.9875691500e-4f;
              p = p * r + 1.3981999507e-3f;
              p = p * r + 8.3334519073e-3f;
              p = p * r + 4.1665795894e-2f;
              p = p * r + 1.6666665459e-1f;
              p = p * r + 5.0000001201e-1f;
              p = (p * z + r) + 1.0f;
              int ni = as_int(t) - 0x4B400000;
              int n1 = ni >> 1;
              int n2 = ni - n1;
              float s1 = as_float((uint)(n1 + 127) << 23);
              float s2 = as_float((uint)(n2 + 127) << 23);
              return (p * s1) * s2;
            }

            /* FastMath.tanh: Cephes tanhf. */
            inline float st_tanh(float x) {
              float ax = as_float(as_uint(x) & 0x7FFFFFFFu);
              float large = 1.0f - 2.0f / (st_exp(ax + ax) + 1.0f);
              float z = ax * ax;
              float p = -5.70498872745e-3f;
              p = p * z + 2.06390887954e-2f;
              p = p * z - 5.37397155531e-2f;
              p = p * z + 1.33314422036e-1f;
              p = p * z - 3.33332819422e-1f;
              float small = (p * z) * ax + ax;
              float r = ax >= 0.625f ? large : small;
              return as_float(as_uint(r) | (as_uint(x) & 0x80000000u));
            }

            inline float st_sigmoid(float x) { return 1.0f / (1.0f + st_exp(-x)); }

            /* Python's remainder for floats: the result takes the divisor's sign. */
            inline float st_fremainder(float a, float b) {
              float r = fmod(a, b);
              return (r != 0.0f && ((r < 0.0f) != (b < 0.0f))) ? r + b : r;
            }

            """
        for (type, unsigned) in [("int", "uint"), ("long", "ulong")] {
            text += """
                inline \(type) st_floordiv_\(type)(\(type) a, \(type) b) {
                  if (b == 0) return 0;
                  if (b == -1) return (\(type))((\(unsigned))0 - (\(unsigned))a);
                  \(type) q = a / b;
                  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
                }
                inline \(type) st_remainder_\(type)(\(type) a, \(type) b) {
                  if (b == 0 || b == -1) return 0;
                  \(type) r = a % b;
                  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
                }
                inline \(type) st_power_\(type)(\(type) a, \(type) b) {
                  if (b < 0) { if (a == 1) return 1; if (a == -1) return (b & 1) == 0 ? 1 : -1; return 0; }
                  \(unsigned) result = 1, base = (\(unsigned))a;
                  \(type) e = b;
                  while (e > 0) { if (e & 1) result = result * base; base = base * base; e >>= 1; }
                  return (\(type))result;
                }

                """
        }
        if fp64 {
            text += """
                /* Int64(saturating: Double). */
                inline long st_sat_long_d(double x) {
                  if (isnan(x)) return 0;
                  if (x >= 9.223372036854775807e18) return LONG_MAX;
                  if (x <= -9.223372036854775808e18) return LONG_MIN;
                  return convert_long_rtz(x);
                }

                /* A double rounded once to half, returned as the float that vstore_half_rte stores
                   unchanged: round to float toward zero, then set the sticky bit if inexact. */
                inline float st_double_to_half(double x) {
                  float f = convert_float_rtz(x);
                  if ((double)f != x && !isnan(x) && !isinf(f)) f = as_float(as_uint(f) | 1u);
                  return f;
                }

                """
        }
        return text
    }
}

// One level's kernels. Included by fastmath.c once per level, inside a `#pragma clang attribute`
// that sets the target ISA, with CFM_NAME(x) naming the copies. Each element function is
// branch-free so the loops below vectorise to that ISA's full width (without FMA contraction: see
// fastmath.c).

#define CFM_INLINE static inline __attribute__((always_inline))

CFM_INLINE float CFM_NAME(bits_to_float)(int32_t b) { float f; memcpy(&f, &b, 4); return f; }
CFM_INLINE int32_t CFM_NAME(float_to_bits)(float f) { int32_t b; memcpy(&b, &f, 4); return b; }

/// Cephes' expf (as `FastMath.exp` in Swift): n = round(x·log₂e) by the 1.5·2²³ trick, r = x − n·ln2
/// in two exact parts, a degree-7 polynomial, then 2ⁿ applied as two halves so subnormal results
/// round once. NaN passes through (the clamps compare false).
CFM_INLINE float CFM_NAME(exp1)(float x) {
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
    int32_t ni = CFM_NAME(float_to_bits)(t) - 0x4B400000;
    int32_t n1 = ni >> 1;
    int32_t n2 = ni - n1;
    float s1 = CFM_NAME(bits_to_float)((n1 + 127) << 23);
    float s2 = CFM_NAME(bits_to_float)((n2 + 127) << 23);
    return (p * s1) * s2;
}

/// Cephes' logf: x = m·2ᵉ with m in [√½, √2), a degree-9 polynomial in m − 1, e·ln2 added in two
/// parts. Subnormals are scaled by 2²³ first; 0 → −∞, negatives → NaN, +∞ and NaN pass through.
CFM_INLINE float CFM_NAME(log1)(float x) {
    int sub = x < 1.17549435e-38f;
    float xs = sub ? x * 8388608.0f : x;
    int32_t b = CFM_NAME(float_to_bits)(xs);
    int32_t e = ((b >> 23) & 0xff) - 126 - (sub ? 23 : 0);
    float m = CFM_NAME(bits_to_float)((b & 0x007fffff) | 0x3f000000);  // [0.5, 1)
    int low = m < 0.707106781186547524f;
    e = low ? e - 1 : e;
    m = low ? (m + m) - 1.0f : m - 1.0f;
    float z = m * m;
    float y = 7.0376836292e-2f;
    y = y * m - 1.1514610310e-1f;
    y = y * m + 1.1676998740e-1f;
    y = y * m - 1.2420140846e-1f;
    y = y * m + 1.4249322787e-1f;
    y = y * m - 1.6668057665e-1f;
    y = y * m + 2.0000714765e-1f;
    y = y * m - 2.4999993993e-1f;
    y = y * m + 3.3333331174e-1f;
    y = y * m * z;
    float fe = (float)e;
    y = y + fe * -2.12194440e-4f;
    y = y - 0.5f * z;
    float r = (m + y) + fe * 0.693359375f;
    r = x == __builtin_inff() ? x : r;
    r = x == 0.0f ? -__builtin_inff() : r;
    r = x < 0.0f ? __builtin_nanf("") : r;
    return x != x ? x : r;
}

/// Cephes' tanhf: an odd polynomial below |x| = 0.625, 1 − 2/(e^{2|x|} + 1) above, both computed
/// and one selected; the sign is copied from x so tanh(−0) = −0.
CFM_INLINE float CFM_NAME(tanh1)(float x) {
    int32_t xb = CFM_NAME(float_to_bits)(x);
    float ax = CFM_NAME(bits_to_float)(xb & 0x7fffffff);
    float large = 1.0f - 2.0f / (CFM_NAME(exp1)(ax + ax) + 1.0f);
    float z = ax * ax;
    float p = -5.70498872745e-3f;
    p = p * z + 2.06390887954e-2f;
    p = p * z - 5.37397155531e-2f;
    p = p * z + 1.33314422036e-1f;
    p = p * z - 3.33332819422e-1f;
    float small = (p * z) * ax + ax;
    float r = ax >= 0.625f ? large : small;
    return CFM_NAME(bits_to_float)(CFM_NAME(float_to_bits)(r) | (xb & (int32_t)0x80000000));
}

CFM_INLINE float CFM_NAME(sigmoid1)(float x) { return 1.0f / (1.0f + CFM_NAME(exp1)(-x)); }

// Elementwise maps. `restrict` although x may equal y: y[i] depends on x[i] alone, so a vector
// loop reads every lane before it writes it and in-place runs are exact. Long runs store past the
// caches (non-temporal): a normal store first reads the line it writes, a third memory stream
// that held exp to ⅔ of the copy bandwidth. Short runs keep their output in cache for the next op.
#define CFM_MAP(name, f)                                                                              \
    static void CFM_NAME(name)(const float *restrict x, float *restrict y, long n) {                  \
        long head = n < CFM_STREAM_MIN ? n : (long)(((64 - ((uintptr_t)y & 63)) & 63) / 4);          \
        if (head > n) head = n;                                                                        \
        for (long i = 0; i < head; i++) y[i] = f(x[i]);                                                \
        if (head == n) return;                                                                         \
        const float *restrict xa = x + head;                                                           \
        float *restrict ya = __builtin_assume_aligned(y + head, 64);                                   \
        long m = n - head;                                                                             \
        long i = 0;                                                                                    \
        /* A tile computed into L1 by the vector loop, then streamed out 64 bytes at a time. */       \
        for (; i + CFM_TILE <= m; i += CFM_TILE) {                                                     \
            float t[CFM_TILE] __attribute__((aligned(64)));                                            \
            for (int j = 0; j < CFM_TILE; j++) t[j] = f(xa[i + j]);                                    \
            for (int j = 0; j < CFM_TILE; j += 16) {                                                   \
                cfm_v16 v;                                                                             \
                memcpy(&v, t + j, 64);                                                                 \
                __builtin_nontemporal_store(v, (cfm_v16 *)(ya + i + j));                               \
            }                                                                                          \
        }                                                                                              \
        for (; i < m; i++) ya[i] = f(xa[i]);                                                           \
        cfm_store_fence();                                                                             \
    }
CFM_MAP(exp, CFM_NAME(exp1))
CFM_MAP(log, CFM_NAME(log1))
CFM_MAP(tanh, CFM_NAME(tanh1))
CFM_MAP(sigmoid, CFM_NAME(sigmoid1))
#undef CFM_MAP

/// The row's maximum with NaN sticky (16 lanes, so the loop vectorises without reassociating).
CFM_INLINE float CFM_NAME(row_max)(const float *x, long n) {
    float acc[16];
    for (int j = 0; j < 16; j++) acc[j] = -__builtin_inff();
    long i = 0;
    for (; i + 16 <= n; i += 16)
        for (int j = 0; j < 16; j++) {
            float v = x[i + j];
            acc[j] = (v != v || v > acc[j]) ? v : acc[j];
        }
    float m = -__builtin_inff();
    for (; i < n; i++) m = (x[i] != x[i] || x[i] > m) ? x[i] : m;
    for (int j = 0; j < 16; j++) m = (acc[j] != acc[j] || acc[j] > m) ? acc[j] : m;
    return m;
}

/// Σ y[i] in float; the pragma lets the vectoriser keep one partial sum per lane.
CFM_INLINE float CFM_NAME(sum_f32)(const float *y, long n) {
    float total = 0;
#pragma clang loop vectorize(enable) interleave(enable)
    for (long i = 0; i < n; i++) total += y[i];
    return total;
}

static void CFM_NAME(softmax_row)(const float *restrict x, float *restrict y, long n) {
    float m = CFM_NAME(row_max)(x, n);
    if (m == -__builtin_inff()) m = 0;
    for (long i = 0; i < n; i++) y[i] = CFM_NAME(exp1)(x[i] - m);
    float total = CFM_NAME(sum_f32)(y, n);
    for (long i = 0; i < n; i++) y[i] = y[i] / total;
}

static float CFM_NAME(logsumexp_row)(const float *restrict x, long n) {
    if (n == 0) return -__builtin_inff();
    float m = CFM_NAME(row_max)(x, n);
    if (m != m || m == __builtin_inff() || m == -__builtin_inff()) return m;
    // exp into an L1 tile by the plain vector loop, then summed in double, one partial per lane.
    double total = 0;
    float t[CFM_TILE] __attribute__((aligned(64)));
    for (long i = 0; i < n; i += CFM_TILE) {
        long len = n - i < CFM_TILE ? n - i : CFM_TILE;
        for (long j = 0; j < len; j++) t[j] = CFM_NAME(exp1)(x[i + j] - m);
#pragma clang loop vectorize(enable) interleave(enable)
        for (long j = 0; j < len; j++) total += (double)t[j];
    }
    return (float)((double)m + log(total));
}

static const cfm_kernels CFM_NAME(kernels) = {
    CFM_NAME(exp), CFM_NAME(log), CFM_NAME(tanh), CFM_NAME(sigmoid), CFM_NAME(softmax_row), CFM_NAME(logsumexp_row),
};

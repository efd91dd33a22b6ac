#ifndef CFASTMATH_H
#define CFASTMATH_H

/// Vectorised float32 transcendentals over contiguous arrays, compiled three times (portable SSE2,
/// AVX2+FMA, AVX-512) and chosen at run time from the CPU's features, so one binary runs anywhere
/// and uses the widest units where they exist. `STREAMTOP_SIMD=portable|avx2|avx512` forces a
/// level (never above what the CPU has). No level fuses multiply-adds, so all give the same bits
/// (and equal the engine's Swift `FastMath`).

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction-set levels, lowest first.
enum { CFM_PORTABLE = 0, CFM_AVX2 = 1, CFM_AVX512 = 2 };

/// The level the `cfm_*` entry points use: the highest the CPU supports, or lower when
/// `STREAMTOP_SIMD` asks for it. Chosen once, at load time.
int cfm_level(void);
/// The highest level this CPU supports.
int cfm_max_level(void);
/// "portable", "avx2+fma" or "avx512" (for reports).
const char *cfm_level_name(int level);

/// One level's kernels (see the entry points below for what each does).
typedef struct {
    void (*exp)(const float *x, float *y, long n);
    void (*log)(const float *x, float *y, long n);
    void (*tanh)(const float *x, float *y, long n);
    void (*sigmoid)(const float *x, float *y, long n);
    void (*softmax_row)(const float *x, float *y, long n);
    float (*logsumexp_row)(const float *x, long n);
} cfm_kernels;

/// The kernels compiled for `level`, or NULL when this CPU cannot run them (tests compare levels).
const cfm_kernels *cfm_kernels_for(int level);

/// y[i] = f(x[i]) for i < n; x and y may be the same array.
void cfm_exp_f32(const float *x, float *y, long n);
void cfm_log_f32(const float *x, float *y, long n);
void cfm_tanh_f32(const float *x, float *y, long n);
void cfm_sigmoid_f32(const float *x, float *y, long n);

/// Softmax of one row of n floats (x and y distinct): y = exp(x − max) / Σ exp(x − max). NaN
/// anywhere gives NaN everywhere; a row of −∞ gives 0/0 = NaN, as before.
void cfm_softmax_row_f32(const float *x, float *y, long n);
/// log Σ exp(x[i]) of one row, shifted by the row's maximum and summed in double; an infinite or
/// NaN maximum is the result itself, an empty row gives −∞.
float cfm_logsumexp_row_f32(const float *x, long n);

#ifdef __cplusplus
}
#endif

#endif

// Run-time dispatch over three compilations of kernels_body.h (see include/cfastmath.h).
#include "cfastmath.h"

// No fused multiply-adds: every level (and the Swift `FastMath` used for strided inputs, and the
// OpenCL kernels that mirror it) then rounds each step the same way, so results are bit-identical
// across machines, layouts and devices. The loops are memory-bound at AVX2/AVX-512 width anyway.
#pragma clang fp contract(off)

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// Elements from which a map call writes with non-temporal stores (4 MiB of output: past what
/// one core's share of the caches keeps).
#define CFM_STREAM_MIN (1L << 20)
/// Elements computed into L1 per streamed tile.
#define CFM_TILE 256
typedef float cfm_v16 __attribute__((vector_size(64)));

/// Orders non-temporal stores before whatever publishes the result to other threads.
static inline void cfm_store_fence(void) {
#if defined(__x86_64__)
    __builtin_ia32_sfence();
#endif
}

#define CFM_NAME(x) x##_portable
#include "kernels_body.h"
#undef CFM_NAME

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define CFM_NAME(x) x##_avx2
#include "kernels_body.h"
#undef CFM_NAME
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))), apply_to = function)
#define CFM_NAME(x) x##_avx512
#include "kernels_body.h"
#undef CFM_NAME
#pragma clang attribute pop
#endif

static int max_level;
static int level;

/// Runs at load time, before any thread can call a kernel, so `level` is never written concurrently.
__attribute__((constructor)) static void cfm_choose(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) max_level = CFM_AVX2;
    if (max_level == CFM_AVX2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512vl"))
        max_level = CFM_AVX512;
#endif
    level = max_level;
    const char *want = getenv("STREAMTOP_SIMD");
    if (want) {
        int asked = strcmp(want, "portable") == 0 ? CFM_PORTABLE : strcmp(want, "avx2") == 0 ? CFM_AVX2 : max_level;
        level = asked < max_level ? asked : max_level;
    }
}

int cfm_level(void) { return level; }
int cfm_max_level(void) { return max_level; }

const char *cfm_level_name(int l) {
    switch (l) {
    case CFM_AVX2: return "avx2+fma";
    case CFM_AVX512: return "avx512";
    default: return "portable";
    }
}

const cfm_kernels *cfm_kernels_for(int l) {
    if (l < 0 || l > max_level) return NULL;
#if defined(__x86_64__)
    if (l == CFM_AVX512) return &kernels_avx512;
    if (l == CFM_AVX2) return &kernels_avx2;
#endif
    return &kernels_portable;
}

static const cfm_kernels *active(void) { return cfm_kernels_for(level); }

void cfm_exp_f32(const float *x, float *y, long n) { active()->exp(x, y, n); }
void cfm_log_f32(const float *x, float *y, long n) { active()->log(x, y, n); }
void cfm_tanh_f32(const float *x, float *y, long n) { active()->tanh(x, y, n); }
void cfm_sigmoid_f32(const float *x, float *y, long n) { active()->sigmoid(x, y, n); }
void cfm_softmax_row_f32(const float *x, float *y, long n) { active()->softmax_row(x, y, n); }
float cfm_logsumexp_row_f32(const float *x, long n) { return active()->logsumexp_row(x, n); }

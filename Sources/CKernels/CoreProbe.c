#include "CKernels.h"
#include <string.h>

// A compute ceiling without memory: fused multiply-adds on twelve independent register accumulators, the widest the
// kernels run (16 lanes with AVX-512, 8 with AVX2, separate multiplies and adds otherwise). Run on N threads at
// once against one, it says how far the cores themselves scale at that moment (`seplaw bench --threaded`).

typedef float probe8 __attribute__((vector_size(32)));
typedef float probe16 __attribute__((vector_size(64)));

#define PROBE_LOOP(type, fmaExpression)                                                  \
    type a[12], m, c;                                                                    \
    for (int j = 0; j < (int)(sizeof(type) / sizeof(float)); j++) { m[j] = 0.999999f; c[j] = 1e-7f; } \
    for (int i = 0; i < 12; i++) for (int j = 0; j < (int)(sizeof(type) / sizeof(float)); j++) a[i][j] = (float)i; \
    for (long n = 0; n < iterations; n++) {                                              \
        for (int i = 0; i < 12; i++) a[i] = fmaExpression;                               \
    }                                                                                    \
    float sum = 0;                                                                       \
    for (int i = 0; i < 12; i++) for (int j = 0; j < (int)(sizeof(type) / sizeof(float)); j++) sum += a[i][j]; \
    return sum;

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
__attribute__((target("avx512f,avx2,fma"), noinline))
static float probe512(long iterations) { PROBE_LOOP(probe16, __builtin_elementwise_fma(a[i], m, c)) }

__attribute__((target("avx2,fma"), noinline))
static float probe256(long iterations) { PROBE_LOOP(probe8, __builtin_elementwise_fma(a[i], m, c)) }
#endif

__attribute__((noinline))
static float probeBaseline(long iterations) { PROBE_LOOP(probe8, a[i] * m + c) }

float seplaw_core_probe(long iterations, long *flopsPerIteration) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    int level = seplaw_vector_level();
    if (level >= SEPLAW_VECTOR_AVX512) { *flopsPerIteration = 12 * 16 * 2; return probe512(iterations); }
    if (level >= SEPLAW_VECTOR_AVX2) { *flopsPerIteration = 12 * 8 * 2; return probe256(iterations); }
#endif
    *flopsPerIteration = 12 * 8 * 2;
    return probeBaseline(iterations);
}

// A memory ceiling: a[i] = a[i]·½ + b[i]·c[i], at the widest vectors the kernels run, so that one thread is limited
// by the memory system and not by its own instruction rate.

#define STREAM_LOOP(type)                                                                  \
    long i = 0;                                                                            \
    const long lanes = (long)(sizeof(type) / sizeof(float));                              \
    type half;                                                                             \
    for (long j = 0; j < lanes; j++) half[j] = 0.5f;                                       \
    for (; i + lanes <= n; i += lanes) {                                                   \
        type x, y, z;                                                                      \
        memcpy(&x, a + i, sizeof x); memcpy(&y, b + i, sizeof y); memcpy(&z, c + i, sizeof z); \
        x = x * half + y * z;                                                              \
        memcpy(a + i, &x, sizeof x);                                                       \
    }                                                                                      \
    for (; i < n; i++) a[i] = a[i] * 0.5f + b[i] * c[i];

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
__attribute__((target("avx512f,avx2,fma"), noinline))
static void stream512(float *a, const float *b, const float *c, long n) { STREAM_LOOP(probe16) }

__attribute__((target("avx2,fma"), noinline))
static void stream256(float *a, const float *b, const float *c, long n) { STREAM_LOOP(probe8) }
#endif

void seplaw_stream_probe(float *a, const float *b, const float *c, long n) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    int level = seplaw_vector_level();
    if (level >= SEPLAW_VECTOR_AVX512) { stream512(a, b, c, n); return; }
    if (level >= SEPLAW_VECTOR_AVX2) { stream256(a, b, c, n); return; }
#endif
    for (long i = 0; i < n; i++) a[i] = a[i] * 0.5f + b[i] * c[i];
}

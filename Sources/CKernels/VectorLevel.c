#include "CKernels.h"
#include <stdlib.h>
#include <string.h>

// Which vector code the kernels run: asked of the CPU once per process, capped by SEPLAW_VECTOR_LIMIT
// (`baseline`, `avx2` or `avx512`) and by ``seplaw_limit_vector_level`` (benchmarks and tests time or compare the
// paths in one process). Both values are read and written as relaxed atomics: the layers' threads ask at once, and
// every thread that detects computes the same answer.

static int detected = -1;
static int cap = SEPLAW_VECTOR_AVX512;

static int detect(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    __builtin_cpu_init();
    if (!(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) return SEPLAW_VECTOR_BASELINE;
    // The compiler runtime also checks that the OS saves the ZMM registers (XGETBV) before it reports AVX-512.
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        return SEPLAW_VECTOR_AVX512;
    return SEPLAW_VECTOR_AVX2;
#else
    return SEPLAW_VECTOR_BASELINE;
#endif
}

static int environmentCap(void) {
    const char *value = getenv("SEPLAW_VECTOR_LIMIT");
    if (!value) return SEPLAW_VECTOR_AVX512;
    if (strcmp(value, "baseline") == 0) return SEPLAW_VECTOR_BASELINE;
    if (strcmp(value, "avx2") == 0) return SEPLAW_VECTOR_AVX2;
    return SEPLAW_VECTOR_AVX512;
}

int seplaw_cpu_vector_level(void) {
    int level = __atomic_load_n(&detected, __ATOMIC_RELAXED);
    if (level < 0) {
        int found = detect(), limit = environmentCap();
        level = found < limit ? found : limit;
        __atomic_store_n(&detected, level, __ATOMIC_RELAXED);
    }
    return level;
}

int seplaw_vector_level(void) {
    int level = seplaw_cpu_vector_level(), limit = __atomic_load_n(&cap, __ATOMIC_RELAXED);
    return level < limit ? level : limit;
}

void seplaw_limit_vector_level(int level) {
    __atomic_store_n(&cap, level, __ATOMIC_RELAXED);
}

#include "CKernels.h"
#include <stdlib.h>
#include <string.h>

// Which vector code the kernels run: asked of the CPU once per process, capped by SEPLAW_VECTOR_LIMIT
// (`baseline`, `avx2` or `avx512`) and by ``seplaw_limit_vector_level`` (benchmarks and tests time or compare the
// paths in one process). Every thread computes the same answer, so the unsynchronised cache is harmless.

static volatile int detected = -1;
static volatile int cap = SEPLAW_VECTOR_AVX512;

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
    if (detected < 0) {
        int found = detect(), limit = environmentCap();
        detected = found < limit ? found : limit;
    }
    return detected;
}

int seplaw_vector_level(void) {
    int level = seplaw_cpu_vector_level();
    return level < cap ? level : cap;
}

void seplaw_limit_vector_level(int level) {
    cap = level;
}

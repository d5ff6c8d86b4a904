#include "CKernels.h"
#include <stdlib.h>
#include <string.h>

// C (m×n) = op(A)·op(B) (+ C), row-major, for the 100-wide layers of the paper's networks. OpenBLAS packs
// both operands on every call and clears C in its own pass; at these sizes that is a fifth of a GEMM.
// Here only op(B) is packed, into 16-column panels (k × 16, zero-padded), A is read in place through
// broadcasts, and a 6 × 16 tile of C lives in twelve AVX registers across the whole k loop (with AVX-512, a 12 × 32
// tile in 24 registers; same bits).

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define SEPLAW_FMA __attribute__((target("avx2,fma")))

enum { TILE_ROWS = 6, PANEL = 16, MAX_TILE_ROWS = 12 };

int seplaw_small_sgemm_supported(void) {
    return seplaw_vector_level() >= SEPLAW_VECTOR_AVX2;
}

/// One row tile: rows × (8 or 16 lanes) of C += A(rows × k) · panel (k × 16). `aRow` steps between rows of
/// op(A), `aStep` between its columns; `width` ≤ 16 columns of C are written.
static inline __attribute__((always_inline)) SEPLAW_FMA
void tile(int rows, int wide, const float *a, long aRow, long aStep, const float *panel, long ldp, long k,
          float *c, long ldc, long width, int accumulate, const float *bias) {
    __m256 lo[MAX_TILE_ROWS], hi[MAX_TILE_ROWS];
    for (int r = 0; r < rows; r++) { lo[r] = _mm256_setzero_ps(); hi[r] = _mm256_setzero_ps(); }
    for (long p = 0; p < k; p++) {
        __m256 b0 = _mm256_loadu_ps(panel + p * ldp);
        __m256 b1 = wide ? _mm256_loadu_ps(panel + p * ldp + 8) : b0;
        const float *ap = a + p * aStep;
        for (int r = 0; r < rows; r++) {
            __m256 x = _mm256_broadcast_ss(ap + r * aRow);
            lo[r] = _mm256_fmadd_ps(x, b0, lo[r]);
            if (wide) hi[r] = _mm256_fmadd_ps(x, b1, hi[r]);
        }
    }
    for (int r = 0; r < rows; r++) {
        float *row = c + r * ldc;
        const float *start = accumulate ? row : bias;
        if (width == PANEL) {
            __m256 c0 = start ? _mm256_add_ps(_mm256_loadu_ps(start), lo[r]) : lo[r];
            __m256 c1 = start ? _mm256_add_ps(_mm256_loadu_ps(start + 8), hi[r]) : hi[r];
            _mm256_storeu_ps(row, c0);
            _mm256_storeu_ps(row + 8, c1);
        } else {
            float sums[PANEL];
            _mm256_storeu_ps(sums, lo[r]);
            _mm256_storeu_ps(sums + 8, hi[r]);
            for (long j = 0; j < width; j++) row[j] = start ? start[j] + sums[j] : sums[j];
        }
    }
}

/// The full 6 × 16 tile, written out so that its twelve accumulators, two panel rows and one broadcast stay in the
/// sixteen AVX registers (the generic `tile` at this size spills two accumulators and runs at half speed).
static inline __attribute__((always_inline)) SEPLAW_FMA
void fullTile(const float *a, long aRow, long aStep, const float *panel, long ldp, long k, float *c, long ldc, int accumulate,
              const float *bias) {
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
    __m256 c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    const float *a0 = a, *a1 = a + aRow, *a2 = a + 2 * aRow, *a3 = a + 3 * aRow, *a4 = a + 4 * aRow, *a5 = a + 5 * aRow;
    for (long p = 0; p < k; p++) {
        __m256 b0 = _mm256_loadu_ps(panel), b1 = _mm256_loadu_ps(panel + 8), x;
        long o = p * aStep;
        x = _mm256_broadcast_ss(a0 + o); c00 = _mm256_fmadd_ps(x, b0, c00); c01 = _mm256_fmadd_ps(x, b1, c01);
        x = _mm256_broadcast_ss(a1 + o); c10 = _mm256_fmadd_ps(x, b0, c10); c11 = _mm256_fmadd_ps(x, b1, c11);
        x = _mm256_broadcast_ss(a2 + o); c20 = _mm256_fmadd_ps(x, b0, c20); c21 = _mm256_fmadd_ps(x, b1, c21);
        x = _mm256_broadcast_ss(a3 + o); c30 = _mm256_fmadd_ps(x, b0, c30); c31 = _mm256_fmadd_ps(x, b1, c31);
        x = _mm256_broadcast_ss(a4 + o); c40 = _mm256_fmadd_ps(x, b0, c40); c41 = _mm256_fmadd_ps(x, b1, c41);
        x = _mm256_broadcast_ss(a5 + o); c50 = _mm256_fmadd_ps(x, b0, c50); c51 = _mm256_fmadd_ps(x, b1, c51);
        panel += ldp;
    }
#define SEPLAW_STORE_ROW(r, lo, hi) do { \
        float *row = c + (r) * ldc; \
        const float *start = accumulate ? row : bias; \
        _mm256_storeu_ps(row, start ? _mm256_add_ps(_mm256_loadu_ps(start), lo) : lo); \
        _mm256_storeu_ps(row + 8, start ? _mm256_add_ps(_mm256_loadu_ps(start + 8), hi) : hi); \
    } while (0)
    SEPLAW_STORE_ROW(0, c00, c01); SEPLAW_STORE_ROW(1, c10, c11); SEPLAW_STORE_ROW(2, c20, c21);
    SEPLAW_STORE_ROW(3, c30, c31); SEPLAW_STORE_ROW(4, c40, c41); SEPLAW_STORE_ROW(5, c50, c51);
#undef SEPLAW_STORE_ROW
}

/// The rows of C below `i` that `tile` finishes, with a constant height so each call unrolls fully.
static inline __attribute__((always_inline)) SEPLAW_FMA
void remainingRows(long rows, int wide, const float *a, long aRow, long aStep, const float *panel, long ldp, long k,
                   float *c, long ldc, long width, int accumulate, const float *bias) {
    switch (rows * 2 + wide) {
    case 2: tile(1, 0, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    case 3: tile(1, 1, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    case 4: tile(2, 0, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    case 5: tile(2, 1, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    case 6: tile(3, 0, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    case 7: tile(3, 1, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    case 8: tile(4, 0, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    case 9: tile(4, 1, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    case 10: tile(5, 0, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    case 11: tile(5, 1, a, aRow, aStep, panel, ldp, k, c, ldc, width, accumulate, bias); break;
    default: break;
    }
}

/// All row tiles of one 16-column panel. FMA has a latency of four cycles and two issue each cycle, so a tile
/// needs eight independent accumulators to run at full rate: 6 × 16 tiles (twelve), then 4 × 16 tiles (eight)
/// rather than a 2-row tail; an 8-column tail panel takes 12 rows at a time.
static SEPLAW_FMA
void panelColumn(const float *a, long aRow, long aStep, const float *panel, long ldp, long m, long k,
                 float *c, long ldc, long width, int accumulate, const float *bias) {
    long i = 0;
    if (width > 8) {
        for (; m - i >= TILE_ROWS && m - i != 8; i += TILE_ROWS) {
            if (width == PANEL) fullTile(a + i * aRow, aRow, aStep, panel, ldp, k, c + i * ldc, ldc, accumulate, bias);
            else tile(6, 1, a + i * aRow, aRow, aStep, panel, ldp, k, c + i * ldc, ldc, width, accumulate, bias);
        }
        for (; m - i >= 4; i += 4) tile(4, 1, a + i * aRow, aRow, aStep, panel, ldp, k, c + i * ldc, ldc, width, accumulate, bias);
        remainingRows(m - i, 1, a + i * aRow, aRow, aStep, panel, ldp, k, c + i * ldc, ldc, width, accumulate, bias);
    } else {
        for (; m - i >= 12; i += 12) tile(12, 0, a + i * aRow, aRow, aStep, panel, ldp, k, c + i * ldc, ldc, width, accumulate, bias);
        for (; m - i >= 6; i += 6) tile(6, 0, a + i * aRow, aRow, aStep, panel, ldp, k, c + i * ldc, ldc, width, accumulate, bias);
        remainingRows(m - i, 0, a + i * aRow, aRow, aStep, panel, ldp, k, c + i * ldc, ldc, width, accumulate, bias);
    }
}

/// out[c][r] = in[r][c] for an 8 × 8 block (rows `ldIn` apart in, `ldOut` apart out).
static inline __attribute__((always_inline)) SEPLAW_FMA
void transpose8x8(const float *in, long ldIn, float *out, long ldOut) {
    __m256 r0 = _mm256_loadu_ps(in), r1 = _mm256_loadu_ps(in + ldIn), r2 = _mm256_loadu_ps(in + 2 * ldIn);
    __m256 r3 = _mm256_loadu_ps(in + 3 * ldIn), r4 = _mm256_loadu_ps(in + 4 * ldIn), r5 = _mm256_loadu_ps(in + 5 * ldIn);
    __m256 r6 = _mm256_loadu_ps(in + 6 * ldIn), r7 = _mm256_loadu_ps(in + 7 * ldIn);
    __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
    __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
    __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
    __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
    __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
    __m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
    __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
    __m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
    _mm256_storeu_ps(out, _mm256_permute2f128_ps(u0, u4, 0x20));
    _mm256_storeu_ps(out + ldOut, _mm256_permute2f128_ps(u1, u5, 0x20));
    _mm256_storeu_ps(out + 2 * ldOut, _mm256_permute2f128_ps(u2, u6, 0x20));
    _mm256_storeu_ps(out + 3 * ldOut, _mm256_permute2f128_ps(u3, u7, 0x20));
    _mm256_storeu_ps(out + 4 * ldOut, _mm256_permute2f128_ps(u0, u4, 0x31));
    _mm256_storeu_ps(out + 5 * ldOut, _mm256_permute2f128_ps(u1, u5, 0x31));
    _mm256_storeu_ps(out + 6 * ldOut, _mm256_permute2f128_ps(u2, u6, 0x31));
    _mm256_storeu_ps(out + 7 * ldOut, _mm256_permute2f128_ps(u3, u7, 0x31));
}

/// Copies columns j0 ..< j0 + 16 of op(B) (k × n) into a k × 16 panel, zero beyond column n. op(B)[p][j] is
/// b[p·ldb + j] without transpose, b[j·ldb + p] with it (then each row of B is read once, in order).
static SEPLAW_FMA
void packPanel(int transB, const float *b, long ldb, long k, long n, long j0, float *panel) {
    long width = n - j0 < PANEL ? n - j0 : PANEL;
    if (width < PANEL) memset(panel, 0, (size_t)k * PANEL * sizeof(float));
    if (transB) {
        long j = 0, p8 = k / 8 * 8;
        // Eight rows of B at a time: 8 × 8 blocks transposed in registers.
        for (; j + 8 <= width; j += 8) {
            const float *rows = b + (j0 + j) * ldb;
            for (long p = 0; p < p8; p += 8) transpose8x8(rows + p, ldb, panel + p * PANEL + j, PANEL);
            for (long p = p8; p < k; p++)
                for (long r = 0; r < 8; r++) panel[p * PANEL + j + r] = rows[r * ldb + p];
        }
        for (; j < width; j++) {
            const float *row = b + (j0 + j) * ldb;
            for (long p = 0; p < k; p++) panel[p * PANEL + j] = row[p];
        }
    } else if (width == PANEL) {
        for (long p = 0; p < k; p++) {
            const float *row = b + p * ldb + j0;
            _mm256_storeu_ps(panel + p * PANEL, _mm256_loadu_ps(row));
            _mm256_storeu_ps(panel + p * PANEL + 8, _mm256_loadu_ps(row + 8));
        }
    } else {
        // Masked loads read only the columns that exist (the rest of the panel is already zero).
        __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
        __m256i low = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)width), lanes);
        __m256i high = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)width - 8), lanes);
        for (long p = 0; p < k; p++) {
            const float *row = b + p * ldb + j0;
            _mm256_storeu_ps(panel + p * PANEL, _mm256_maskload_ps(row, low));
            if (width > 8) _mm256_storeu_ps(panel + p * PANEL + 8, _mm256_maskload_ps(row + 8, high));
        }
    }
}


// AVX-512: the same packed panels, two at a time, 16 columns per register, up to 12 rows × 32 columns of C in 24
// registers. Every element of C is the same chain of fused multiply-adds over p in order, then the same single add
// of C or the bias, as in the AVX2 tiles, so the bits are the same (tested).
#define SEPLAW_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma")))

/// Adds `start` (C or the bias; none when null) to one row's 16 sums and writes `width` (1…16) of them.
static inline __attribute__((always_inline)) SEPLAW_AVX512
void storeRow512(float *row, const float *start, __m512 sums, long width) {
    __mmask16 mask = width >= PANEL ? (__mmask16)0xFFFF : (__mmask16)((1u << width) - 1);
    __m512 value = start ? _mm512_add_ps(_mm512_maskz_loadu_ps(mask, start), sums) : sums;
    _mm512_mask_storeu_ps(row, mask, value);
}

/// `rows` (1…12) rows × `panels` (1 or 2) panels of C; `first`, `second` are the panels (rows `ld0`, `ld1` apart) and
/// `width0`, `width1` the columns of C each covers.
static inline __attribute__((always_inline)) SEPLAW_AVX512
void tile512(int rows, int panels, const float *a, long aRow, long aStep, const float *first, long ld0,
             const float *second, long ld1, long k, float *c, long ldc, long width0, long width1, int accumulate,
             const float *bias0, const float *bias1) {
    // Named accumulators (row r, panel q), not an array, so that they stay in registers across the k loop.
    __m512 z = _mm512_setzero_ps();
    __m512 c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
    __m512 c60 = z, c61 = z, c70 = z, c71 = z, c80 = z, c81 = z, c90 = z, c91 = z, cA0 = z, cA1 = z, cB0 = z, cB1 = z;
    for (long p = 0; p < k; p++) {
        __m512 b0 = _mm512_loadu_ps(first + p * ld0), b1 = panels > 1 ? _mm512_loadu_ps(second + p * ld1) : z;
        const float *ap = a + p * aStep;
#define SEPLAW_ROW(r, name) do { if (rows > r) { \
            __m512 x = _mm512_set1_ps(ap[(r) * aRow]); \
            c##name##0 = _mm512_fmadd_ps(x, b0, c##name##0); \
            if (panels > 1) c##name##1 = _mm512_fmadd_ps(x, b1, c##name##1); } } while (0)
        SEPLAW_ROW(0, 0); SEPLAW_ROW(1, 1); SEPLAW_ROW(2, 2); SEPLAW_ROW(3, 3); SEPLAW_ROW(4, 4); SEPLAW_ROW(5, 5);
        SEPLAW_ROW(6, 6); SEPLAW_ROW(7, 7); SEPLAW_ROW(8, 8); SEPLAW_ROW(9, 9); SEPLAW_ROW(10, A); SEPLAW_ROW(11, B);
#undef SEPLAW_ROW
    }
    __m512 sums[12][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51},
                          {c60, c61}, {c70, c71}, {c80, c81}, {c90, c91}, {cA0, cA1}, {cB0, cB1}};
    for (int r = 0; r < rows; r++) {
        float *row = c + r * ldc;
        storeRow512(row, accumulate ? row : bias0, sums[r][0], width0);
        if (panels > 1) storeRow512(row + PANEL, accumulate ? row + PANEL : bias1, sums[r][1], width1);
    }
}

#define SEPLAW_TILE_512(rows, panels) \
    tile512(rows, panels, a + i * aRow, aRow, aStep, first, ld0, second, ld1, k, c + i * ldc, ldc, width0, width1, \
            accumulate, bias0, bias1)

/// Every row of C for `panels` (a constant after inlining) panels: tiles of 12 rows, then one tile of the rest.
static inline __attribute__((always_inline)) SEPLAW_AVX512
void rowTiles512(int panels, const float *a, long aRow, long aStep, const float *first, long ld0, const float *second,
                 long ld1, long m, long k, float *c, long ldc, long width0, long width1, int accumulate,
                 const float *bias0, const float *bias1) {
    long i = 0;
    for (; m - i >= 12; i += 12) SEPLAW_TILE_512(12, panels);
    switch (m - i) {
    case 11: SEPLAW_TILE_512(11, panels); break;
    case 10: SEPLAW_TILE_512(10, panels); break;
    case 9: SEPLAW_TILE_512(9, panels); break;
    case 8: SEPLAW_TILE_512(8, panels); break;
    case 7: SEPLAW_TILE_512(7, panels); break;
    case 6: SEPLAW_TILE_512(6, panels); break;
    case 5: SEPLAW_TILE_512(5, panels); break;
    case 4: SEPLAW_TILE_512(4, panels); break;
    case 3: SEPLAW_TILE_512(3, panels); break;
    case 2: SEPLAW_TILE_512(2, panels); break;
    case 1: SEPLAW_TILE_512(1, panels); break;
    default: break;
    }
}

/// Every row of C for one or two panels (`rowTiles512` compiled once for each count).
static SEPLAW_AVX512
void panelColumns512(int panels, const float *a, long aRow, long aStep, const float *first, long ld0, const float *second,
                     long ld1, long m, long k, float *c, long ldc, long width0, long width1, int accumulate,
                     const float *bias0, const float *bias1) {
    if (panels == 2) {
        rowTiles512(2, a, aRow, aStep, first, ld0, second, ld1, m, k, c, ldc, width0, width1, accumulate, bias0, bias1);
    } else {
        rowTiles512(1, a, aRow, aStep, first, ld0, second, ld1, m, k, c, ldc, width0, width1, accumulate, bias0, bias1);
    }
}
#undef SEPLAW_TILE_512

/// The panel buffer, grown on demand and kept per thread: no allocation once a network's largest GEMM has run.
static _Thread_local float *panels;
static _Thread_local size_t panelCapacity;

/// Panel q of op(B): read where it lies when it is a full 16 columns of an untransposed B whose rows are not a
/// multiple of 64 floats apart (rows 256 bytes apart and more fall into few L1 sets and evict each other), else packed
/// into the panel buffer. `ldp` receives the panel's row stride.
static const float *preparePanel(int transB, const float *b, long ldb, long k, long n, long q, long *ldp) {
    long j0 = q * PANEL, width = n - j0 < PANEL ? n - j0 : PANEL;
    if (transB || width < PANEL || ldb % 64 == 0) {
        float *packed = panels + (size_t)q * (size_t)k * PANEL;
        packPanel(transB, b, ldb, k, n, j0, packed);
        *ldp = PANEL;
        return packed;
    }
    *ldp = ldb;
    return b + j0;
}

int seplaw_small_sgemm(int transA, int transB, long m, long n, long k, const float *a, long lda,
                       const float *b, long ldb, int accumulate, const float *bias, float *c, long ldc) {
    if (!seplaw_small_sgemm_supported()) return 0;
    if (m <= 0 || n <= 0) return 1;
    if (k <= 0) {
        if (!accumulate) {
            for (long i = 0; i < m; i++) {
                if (bias) memcpy(c + i * ldc, bias, (size_t)n * sizeof(float));
                else memset(c + i * ldc, 0, (size_t)n * sizeof(float));
            }
        }
        return 1;
    }
    long panelCount = (n + PANEL - 1) / PANEL;
    size_t needed = (size_t)panelCount * (size_t)k * PANEL;
    if (needed > panelCapacity) {
        float *grown = realloc(panels, needed * sizeof(float));
        if (!grown) return 0;
        panels = grown;
        panelCapacity = needed;
    }
    // op(A)[i][p] is a[i·lda + p] (no transpose) or a[p·lda + i] (transpose).
    long aRow = transA ? 1 : lda, aStep = transA ? lda : 1;
    int wide = seplaw_vector_level() >= SEPLAW_VECTOR_AVX512;
    for (long q = 0; q < panelCount; q += wide ? 2 : 1) {
        long j0 = q * PANEL, width = n - j0 < PANEL ? n - j0 : PANEL, ldp;
        const float *panel = preparePanel(transB, b, ldb, k, n, q, &ldp);
        if (!wide) {
            panelColumn(a, aRow, aStep, panel, ldp, m, k, c + j0, ldc, width, accumulate, bias ? bias + j0 : 0);
        } else if (q + 1 < panelCount) {
            long j1 = j0 + PANEL, width1 = n - j1 < PANEL ? n - j1 : PANEL, ld1;
            const float *next = preparePanel(transB, b, ldb, k, n, q + 1, &ld1);
            panelColumns512(2, a, aRow, aStep, panel, ldp, next, ld1, m, k, c + j0, ldc, width, width1, accumulate,
                            bias ? bias + j0 : 0, bias ? bias + j1 : 0);
        } else {
            panelColumns512(1, a, aRow, aStep, panel, ldp, panel, ldp, m, k, c + j0, ldc, width, width, accumulate,
                            bias ? bias + j0 : 0, 0);
        }
    }
    return 1;
}

#else

int seplaw_small_sgemm_supported(void) { return 0; }

int seplaw_small_sgemm(int transA, int transB, long m, long n, long k, const float *a, long lda,
                       const float *b, long ldb, int accumulate, const float *bias, float *c, long ldc) {
    (void)transA; (void)transB; (void)m; (void)n; (void)k; (void)a; (void)lda; (void)b; (void)ldb;
    (void)accumulate; (void)bias; (void)c; (void)ldc;
    return 0;
}

#endif

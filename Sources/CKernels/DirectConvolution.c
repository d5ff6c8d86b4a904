#include "CKernels.h"
#include "Dispatch.h"
#include "Vectors.h"
#include <string.h>

// Direct stride-1 convolution for narrow layers (8–64 channels), one image per call, NCHW.
//
// The input is first copied once into zero-padded planes whose rows are `ld` floats apart, wide enough that
// every 8-lane load of a row (output columns rounded up to 8) stays inside the plane. Then an output "slot" is
// eight consecutive output columns of one row; a tile is 4 output channels × 2 slots, eight accumulators that
// live in registers over the whole C·k·k reduction, fed by two input loads and four weight broadcasts per step
// (the packed weights keep the four channels' values of one (c, ki, kj) together). Nothing like im2col's k²
// copies is written. The input gradient of a stride-1 convolution is the same product on the zero-padded
// output gradient with the weights flipped and transposed, so it runs through the same kernel. The weight
// gradient correlates a padded input plane with the output-gradient planes, 2 output channels × up to 5 kernel
// columns in ten accumulators, summed over the image's slots and then across the eight lanes in a fixed order.
//
// Deterministic: every sum runs in one fixed order. On CPUs with AVX2 and FMA (the same test as the small GEMM's,
// ``seplaw_vector_level``) the products and sums are fused multiply-adds, twice the rate where multiply and add
// share ports; with AVX-512 the same fused multiply-adds run 16 lanes at a time (same bits, see the AVX-512 copies
// below); elsewhere the AVX2 and baseline clones multiply and add separately (no contraction) and give the same bits
// as each other.
#pragma clang fp contract(off)

enum { LANES = 8, CHANNEL_BLOCK = 4 };

/// c + a·b, fused when `fused` (a constant after inlining; only the FMA entry points pass 1).
#define MADD(fused, a, b, c) ((fused) ? __builtin_elementwise_fma((a), (b), (c)) : (c) + (a) * (b))

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define SEPLAW_CONV_FMA 1
#define SEPLAW_FMA_TARGET __attribute__((target("avx2,fma")))
#else
#define SEPLAW_CONV_FMA 0
#endif

/// One padded row: zeros, then `width` values of `from` at column `left` (vector moves; the rows are 8–40 values).
static inline __attribute__((always_inline))
void padRow(float *row, const float *from, long left, long width, long ld) {
    v8f zero = {0};
    long j = 0;
    for (; j + LANES <= ld; j += LANES) store8(row + j, zero);
    for (; j < ld; j++) row[j] = 0;
    for (j = 0; j + LANES <= width; j += LANES) store8(row + left + j, load8(from + j));
    for (; j < width; j++) row[left + j] = from[j];
}

// Plain loops over short rows, kept as loops: a library call per row (what the compiler would turn them into) cost
// more than the copy itself.
SEPLAW_CLONES __attribute__((no_builtin("memset", "memcpy")))
void seplaw_conv_pad(const float *x, long channels, long height, long width, long top, long left,
                     long rows, long ld, float *padded) {
    long plane = rows * ld;
    for (long c = 0; c < channels; c++) {
        const float *source = x + c * height * width;
        float *target = padded + c * plane;
        for (long i = 0; i < rows; i++) {
            long r = i - top;
            padRow(target + i * ld, source + r * width, left, r >= 0 && r < height ? width : 0, ld);
        }
    }
}

SEPLAW_CLONES
void seplaw_conv_pack_weights(const float *w, long outputs, long channels, long k, int flipTranspose, float *packed) {
    // Effective weight W'[o][c][ki][kj]: W itself, or W[c][o][k−1−ki][k−1−kj] (then `outputs` counts W's channels).
    long blocks = (outputs + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK;
    for (long b = 0; b < blocks; b++)
        for (long c = 0; c < channels; c++)
            for (long ki = 0; ki < k; ki++)
                for (long kj = 0; kj < k; kj++)
                    for (long r = 0; r < CHANNEL_BLOCK; r++) {
                        long o = b * CHANNEL_BLOCK + r;
                        float value = 0;
                        if (o < outputs) {
                            value = flipTranspose ? w[((c * outputs + o) * k + (k - 1 - ki)) * k + (k - 1 - kj)]
                                                  : w[((o * channels + c) * k + ki) * k + kj];
                        }
                        packed[(((b * channels + c) * k + ki) * k + kj) * CHANNEL_BLOCK + r] = value;
                    }
}

/// Writes `lanes` (1…8) values of v to p.
#define storeLanes(p, v, lanes) do { \
        if ((lanes) == LANES) store8((p), (v)); \
        else { float t_[LANES]; store8(t_, (v)); for (long l_ = 0; l_ < (lanes); l_++) (p)[l_] = t_[l_]; } \
    } while (0)

/// One tile: `slots` (1 or 2) slots × 4 output channels, the reduction over every (c, ki, kj) of the packed weights.
static inline __attribute__((always_inline))
void forwardTile(int fused, int slots, const float *x0, const float *x1, long channels, long planeStride, long ld, long k,
                 const float *weights, long outputs, long firstOutput, const float *bias,
                 float *y0, float *y1, long lanes0, long lanes1, long outputPlane) {
    v8f a00 = {0}, a01 = {0}, a10 = {0}, a11 = {0}, a20 = {0}, a21 = {0}, a30 = {0}, a31 = {0};
    const float *w = weights;
    for (long c = 0; c < channels; c++) {
        for (long ki = 0; ki < k; ki++) {
            const float *r0 = x0 + c * planeStride + ki * ld, *r1 = x1 + c * planeStride + ki * ld;
            for (long kj = 0; kj < k; kj++, w += CHANNEL_BLOCK) {
                v8f u0 = load8(r0 + kj);
                v8f w0 = splat8(w[0]), w1 = splat8(w[1]), w2 = splat8(w[2]), w3 = splat8(w[3]);
                a00 = MADD(fused, w0, u0, a00); a10 = MADD(fused, w1, u0, a10);
                a20 = MADD(fused, w2, u0, a20); a30 = MADD(fused, w3, u0, a30);
                if (slots == 2) {
                    v8f u1 = load8(r1 + kj);
                    a01 = MADD(fused, w0, u1, a01); a11 = MADD(fused, w1, u1, a11);
                    a21 = MADD(fused, w2, u1, a21); a31 = MADD(fused, w3, u1, a31);
                }
            }
        }
    }
    v8f first[CHANNEL_BLOCK] = {a00, a10, a20, a30}, second[CHANNEL_BLOCK] = {a01, a11, a21, a31};
    for (long r = 0; r < CHANNEL_BLOCK && firstOutput + r < outputs; r++) {
        v8f shift = splat8(bias ? bias[firstOutput + r] : 0.0f);
        v8f v0 = first[r] + shift;
        storeLanes(y0 + r * outputPlane, v0, lanes0);
        if (slots == 2) {
            v8f v1 = second[r] + shift;
            storeLanes(y1 + r * outputPlane, v1, lanes1);
        }
    }
}

/// The odd slot `s` left after the pairs of one channel block: a one-slot 8-lane tile.
static inline __attribute__((always_inline))
void forwardLastSlot(int fused, long s, long perRow, const float *padded, long channels, long planeStride, long ld,
                     long k, const float *weights, long outputs, long firstOutput, const float *bias, float *yb,
                     long outWidth, long outputPlane) {
    long row = s / perRow, col = (s % perRow) * LANES, lanes = outWidth - col < LANES ? outWidth - col : LANES;
    const float *x = padded + row * ld + col;
    float *out = yb + row * outWidth + col;
    forwardTile(fused, 1, x, x, channels, planeStride, ld, k, weights, outputs, firstOutput, bias, out, out, lanes, lanes,
                outputPlane);
}

static inline __attribute__((always_inline))
void forwardImage(int fused, const float *padded, long channels, long planeStride, long ld,
                  const float *packed, long outputs, long k, long outHeight, long outWidth,
                  const float *bias, float *y) {
    long perRow = (outWidth + LANES - 1) / LANES, slots = outHeight * perRow;
    long outputPlane = outHeight * outWidth, blockSize = channels * k * k * CHANNEL_BLOCK;
    for (long b = 0; b * CHANNEL_BLOCK < outputs; b++) {
        const float *weights = packed + b * blockSize;
        float *yb = y + b * CHANNEL_BLOCK * outputPlane;
        long s = 0;
        for (; s + 2 <= slots; s += 2) {
            long row0 = s / perRow, col0 = (s % perRow) * LANES, row1 = (s + 1) / perRow, col1 = ((s + 1) % perRow) * LANES;
            long lanes0 = outWidth - col0 < LANES ? outWidth - col0 : LANES;
            long lanes1 = outWidth - col1 < LANES ? outWidth - col1 : LANES;
            forwardTile(fused, 2, padded + row0 * ld + col0, padded + row1 * ld + col1, channels, planeStride, ld, k,
                        weights, outputs, b * CHANNEL_BLOCK, bias, yb + row0 * outWidth + col0, yb + row1 * outWidth + col1,
                        lanes0, lanes1, outputPlane);
        }
        if (s < slots) forwardLastSlot(fused, s, perRow, padded, channels, planeStride, ld, k, weights, outputs,
                                       b * CHANNEL_BLOCK, bias, yb, outWidth, outputPlane);
    }
}

/// The 8 lane sums of dW[o][c][ki][kj0 + j] (+)= Σ over slots of dy[o]·x[c] shifted by (ki, kj0 + j), for `pair`
/// (1 or 2) output channels and `width` (1…5) kernel columns; dy has zero lanes past the output width, so those lanes
/// add nothing. Lanes stay separate across the images of a part and are summed once at its end (no horizontal sums
/// per image, which dominated at 8×8 and smaller outputs).
static inline __attribute__((always_inline))
void weightGradientTile(int fused, int pair, int width, const float *x, long ld, const float *dy0, const float *dy1, long ldy,
                        long outHeight, long perRow, float *dw0, float *dw1, int accumulate) {
    v8f a[2][5] = {{0}};
    for (long i = 0; i < outHeight; i++) {
        const float *row = x + i * ld, *d0r = dy0 + i * ldy, *d1r = dy1 + i * ldy;
        for (long v = 0; v < perRow; v++) {
            v8f d0 = load8(d0r + v * LANES), d1 = pair == 2 ? load8(d1r + v * LANES) : d0;
            for (int j = 0; j < width; j++) {
                v8f u = load8(row + v * LANES + j);
                a[0][j] = MADD(fused, d0, u, a[0][j]);
                if (pair == 2) a[1][j] = MADD(fused, d1, u, a[1][j]);
            }
        }
    }
    for (int q = 0; q < pair; q++) {
        float *lanes = q == 0 ? dw0 : dw1;
        for (int j = 0; j < width; j++) {
            v8f sum = accumulate ? load8(lanes + j * LANES) + a[q][j] : a[q][j];
            store8(lanes + j * LANES, sum);
        }
    }
}

#define SEPLAW_WEIGHT_TILE(pair, width) \
    weightGradientTile(fused, pair, width, x, ld, dy0, dy1, ldy, outHeight, perRow, dw0, dw1, accumulate)

static inline __attribute__((always_inline))
void weightGradientImage(int fused, const float *padded, long channels, long planeStride, long ld,
                         const float *dy, long outputs, long dyPlane, long ldy, long k,
                         long outHeight, long outWidth, float *dw, int accumulate) {
    long perRow = (outWidth + LANES - 1) / LANES;
    for (long o = 0; o < outputs; o += 2) {
        int pair = outputs - o >= 2 ? 2 : 1;
        const float *dy0 = dy + o * dyPlane, *dy1 = pair == 2 ? dy0 + dyPlane : dy0;
        for (long c = 0; c < channels; c++) {
            for (long ki = 0; ki < k; ki++) {
                for (long kj = 0; kj < k; kj += 5) {
                    long width = k - kj < 5 ? k - kj : 5;
                    const float *x = padded + c * planeStride + ki * ld + kj;
                    float *dw0 = dw + (((o * channels + c) * k + ki) * k + kj) * LANES;
                    float *dw1 = dw0 + channels * k * k * LANES;
                    switch (pair * 8 + (int)width) {
                    case 9: SEPLAW_WEIGHT_TILE(1, 1); break;
                    case 10: SEPLAW_WEIGHT_TILE(1, 2); break;
                    case 11: SEPLAW_WEIGHT_TILE(1, 3); break;
                    case 12: SEPLAW_WEIGHT_TILE(1, 4); break;
                    case 13: SEPLAW_WEIGHT_TILE(1, 5); break;
                    case 17: SEPLAW_WEIGHT_TILE(2, 1); break;
                    case 18: SEPLAW_WEIGHT_TILE(2, 2); break;
                    case 19: SEPLAW_WEIGHT_TILE(2, 3); break;
                    case 20: SEPLAW_WEIGHT_TILE(2, 4); break;
                    default: SEPLAW_WEIGHT_TILE(2, 5); break;
                    }
                }
            }
        }
    }
}

// AVX-512 copies. Each output value, and each of the 8 lane sums of a weight gradient, is the same chain of fused
// multiply-adds in the same order as in the 8-lane kernels above; only more of them run side by side. So they give
// the same bits as the AVX2 copies (tested), and a result does not depend on which of the two a node ran.
#if SEPLAW_CONV_FMA
#include <immintrin.h>
#define SEPLAW_AVX512_TARGET __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma")))

/// Two 8-lane slots in one register: `lo` in lanes 0–7, `hi` in lanes 8–15.
#define loadPair(lo, hi) _mm512_insertf32x8(_mm512_castps256_ps512(_mm256_loadu_ps(lo)), _mm256_loadu_ps(hi), 1)

/// Writes `lanes` (1…8) values of an 8-lane half.
static inline __attribute__((always_inline)) SEPLAW_AVX512_TARGET
void storeHalf(float *p, __m256 v, long lanes) {
    if (lanes == LANES) _mm256_storeu_ps(p, v);
    else _mm256_mask_storeu_ps(p, (__mmask8)((1u << lanes) - 1), v);
}

/// One forward tile: 4 output channels × 2·`pairs` slots (1 ≤ pairs ≤ 4), each register holding slots (2q, 2q + 1).
/// When every image row holds an even number of slots (`contiguous`), a pair is 16 consecutive columns of one row
/// and loads as one vector; otherwise its halves load from their own rows. `in[q]`/`out[q]` are slot q's offsets in
/// a padded plane and in an output plane, `lanes[q]` its width.
static inline __attribute__((always_inline)) SEPLAW_AVX512_TARGET
void forwardTile512(int pairs, int contiguous, const float *padded, const long *in, long channels, long planeStride,
                    long ld, long k, const float *weights, long outputs, long firstOutput, const float *bias, float *y,
                    const long *out, const long *lanes, long outputPlane) {
    // Named accumulators (channel r, pair q), not an array: indexed arrays here were kept in memory, one store per FMA.
    __m512 z = _mm512_setzero_ps();
    __m512 a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
    __m512 a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
    const float *w = weights;
    for (long c = 0; c < channels; c++) {
        for (long ki = 0; ki < k; ki++) {
            const float *row = padded + c * planeStride + ki * ld;
            for (long kj = 0; kj < k; kj++, w += CHANNEL_BLOCK) {
#define SEPLAW_PAIR(q) (contiguous ? _mm512_loadu_ps(row + in[2 * (q)] + kj) \
                                   : loadPair(row + in[2 * (q)] + kj, row + in[2 * (q) + 1] + kj))
                __m512 u0 = SEPLAW_PAIR(0), u1 = z, u2 = z, u3 = z;
                if (pairs > 1) u1 = SEPLAW_PAIR(1);
                if (pairs > 2) u2 = SEPLAW_PAIR(2);
                if (pairs > 3) u3 = SEPLAW_PAIR(3);
#undef SEPLAW_PAIR
#define SEPLAW_CHANNEL(r) do { \
                    __m512 weight = _mm512_set1_ps(w[r]); \
                    a##r##0 = _mm512_fmadd_ps(weight, u0, a##r##0); \
                    if (pairs > 1) a##r##1 = _mm512_fmadd_ps(weight, u1, a##r##1); \
                    if (pairs > 2) a##r##2 = _mm512_fmadd_ps(weight, u2, a##r##2); \
                    if (pairs > 3) a##r##3 = _mm512_fmadd_ps(weight, u3, a##r##3); \
                } while (0)
                SEPLAW_CHANNEL(0); SEPLAW_CHANNEL(1); SEPLAW_CHANNEL(2); SEPLAW_CHANNEL(3);
#undef SEPLAW_CHANNEL
            }
        }
    }
    __m512 acc[CHANNEL_BLOCK][4] = {{a00, a01, a02, a03}, {a10, a11, a12, a13}, {a20, a21, a22, a23}, {a30, a31, a32, a33}};
    for (long r = 0; r < CHANNEL_BLOCK && firstOutput + r < outputs; r++) {
        __m512 shift = _mm512_set1_ps(bias ? bias[firstOutput + r] : 0.0f);
        float *plane = y + r * outputPlane;
        for (int q = 0; q < pairs; q++) {
            __m512 v = _mm512_add_ps(acc[r][q], shift);
            storeHalf(plane + out[2 * q], _mm512_castps512_ps256(v), lanes[2 * q]);
            storeHalf(plane + out[2 * q + 1], _mm512_extractf32x8_ps(v, 1), lanes[2 * q + 1]);
        }
    }
}

#define SEPLAW_FORWARD_TILE_512(pairs, contiguous) \
    forwardTile512(pairs, contiguous, padded, in, channels, planeStride, ld, k, weights, outputs, b * CHANNEL_BLOCK, \
                   bias, yb, out, lanes, outputPlane)

static SEPLAW_AVX512_TARGET
void forward512(const float *padded, long channels, long planeStride, long ld, const float *packed, long outputs,
                long k, long outHeight, long outWidth, const float *bias, float *y) {
    long perRow = (outWidth + LANES - 1) / LANES, slots = outHeight * perRow;
    long outputPlane = outHeight * outWidth, blockSize = channels * k * k * CHANNEL_BLOCK;
    int contiguous = perRow % 2 == 0;
    for (long b = 0; b * CHANNEL_BLOCK < outputs; b++) {
        const float *weights = packed + b * blockSize;
        float *yb = y + b * CHANNEL_BLOCK * outputPlane;
        long s = 0;
        while (slots - s >= 2) {
            long pairs = (slots - s) / 2 < 4 ? (slots - s) / 2 : 4;
            long in[8], out[8], lanes[8];
            for (long q = 0; q < 2 * pairs; q++) {
                long row = (s + q) / perRow, col = ((s + q) % perRow) * LANES;
                in[q] = row * ld + col;
                out[q] = row * outWidth + col;
                lanes[q] = outWidth - col < LANES ? outWidth - col : LANES;
            }
            switch (pairs * 2 + contiguous) {
            case 9: SEPLAW_FORWARD_TILE_512(4, 1); break;
            case 8: SEPLAW_FORWARD_TILE_512(4, 0); break;
            case 7: SEPLAW_FORWARD_TILE_512(3, 1); break;
            case 6: SEPLAW_FORWARD_TILE_512(3, 0); break;
            case 5: SEPLAW_FORWARD_TILE_512(2, 1); break;
            case 4: SEPLAW_FORWARD_TILE_512(2, 0); break;
            case 3: SEPLAW_FORWARD_TILE_512(1, 1); break;
            default: SEPLAW_FORWARD_TILE_512(1, 0); break;
            }
            s += 2 * pairs;
        }
        if (s < slots) forwardLastSlot(1, s, perRow, padded, channels, planeStride, ld, k, weights, outputs,
                                       b * CHANNEL_BLOCK, bias, yb, outWidth, outputPlane);
    }
}

/// The weight-gradient tile for 2·`halves` output channels (1 ≤ halves ≤ 2) over `images` images: register h holds
/// channel 2h's 8 lanes in its low half and channel 2h + 1's in its high half, both multiplied by the same input vector
/// (broadcast to both halves), so every lane sees the products of the 8-lane tile in the same order. Each image's
/// sums are formed from zero and added to the running lanes in image order, as one call per image would add them
/// to the lanes in memory (same bits), but the lanes are loaded and stored once per `images` images.
static inline __attribute__((always_inline)) SEPLAW_AVX512_TARGET
void weightGradientTile512(int halves, int width, const float *const *xImages, long xOffset, long ld,
                           const float *const *dyImages, long dyOffset, long dyPlane, long ldy, long images,
                           long outHeight, long perRow, float *dw0, long dwChannel, int accumulate) {
    __m512 total[2][5];
    for (int h = 0; h < halves; h++) {
        const float *low = dw0 + 2 * h * dwChannel, *high = low + dwChannel;
        for (int j = 0; j < width; j++) total[h][j] = accumulate ? loadPair(low + j * LANES, high + j * LANES) : _mm512_setzero_ps();
    }
    for (long n = 0; n < images; n++) {
        const float *x = xImages[n] + xOffset, *dy0 = dyImages[n] + dyOffset;
        __m512 a[2][5];
        for (int h = 0; h < halves; h++)
            for (int j = 0; j < width; j++) a[h][j] = _mm512_setzero_ps();
        for (long i = 0; i < outHeight; i++) {
            const float *row = x + i * ld, *d = dy0 + i * ldy;
            for (long v = 0; v < perRow; v++) {
                __m512 g[2];
                for (int h = 0; h < halves; h++) g[h] = loadPair(d + 2 * h * dyPlane + v * LANES, d + (2 * h + 1) * dyPlane + v * LANES);
                for (int j = 0; j < width; j++) {
                    __m512 u = _mm512_broadcast_f32x8(_mm256_loadu_ps(row + v * LANES + j));
                    for (int h = 0; h < halves; h++) a[h][j] = _mm512_fmadd_ps(g[h], u, a[h][j]);
                }
            }
        }
        // The first image of a call without `accumulate` is stored as it is (as the one-image kernel stores it).
        int first = n == 0 && !accumulate;
        for (int h = 0; h < halves; h++)
            for (int j = 0; j < width; j++) total[h][j] = first ? a[h][j] : _mm512_add_ps(total[h][j], a[h][j]);
    }
    for (int h = 0; h < halves; h++) {
        float *low = dw0 + 2 * h * dwChannel, *high = low + dwChannel;
        for (int j = 0; j < width; j++) {
            _mm256_storeu_ps(low + j * LANES, _mm512_castps512_ps256(total[h][j]));
            _mm256_storeu_ps(high + j * LANES, _mm512_extractf32x8_ps(total[h][j], 1));
        }
    }
}

#define SEPLAW_WEIGHT_TILE_512(halves, width) \
    weightGradientTile512(halves, width, padded, xOffset, ld, dy, dyOffset, dyPlane, ldy, images, outHeight, perRow, dw0, \
                          dwChannel, accumulate)

static SEPLAW_AVX512_TARGET
void weightGradient512(const float *const *padded, long images, long channels, long planeStride, long ld,
                       const float *const *dy, long outputs, long dyPlane, long ldy, long k, long outHeight, long outWidth,
                       float *dw, int accumulate) {
    long perRow = (outWidth + LANES - 1) / LANES, dwChannel = channels * k * k * LANES;
    long o = 0;
    for (; outputs - o >= 2; ) {
        int halves = outputs - o >= 4 ? 2 : 1;
        long dyOffset = o * dyPlane;
        for (long c = 0; c < channels; c++) {
            for (long ki = 0; ki < k; ki++) {
                for (long kj = 0; kj < k; kj += 5) {
                    long width = k - kj < 5 ? k - kj : 5;
                    long xOffset = c * planeStride + ki * ld + kj;
                    float *dw0 = dw + (((o * channels + c) * k + ki) * k + kj) * LANES;
                    switch (halves * 8 + (int)width) {
                    case 9: SEPLAW_WEIGHT_TILE_512(1, 1); break;
                    case 10: SEPLAW_WEIGHT_TILE_512(1, 2); break;
                    case 11: SEPLAW_WEIGHT_TILE_512(1, 3); break;
                    case 12: SEPLAW_WEIGHT_TILE_512(1, 4); break;
                    case 13: SEPLAW_WEIGHT_TILE_512(1, 5); break;
                    case 17: SEPLAW_WEIGHT_TILE_512(2, 1); break;
                    case 18: SEPLAW_WEIGHT_TILE_512(2, 2); break;
                    case 19: SEPLAW_WEIGHT_TILE_512(2, 3); break;
                    case 20: SEPLAW_WEIGHT_TILE_512(2, 4); break;
                    default: SEPLAW_WEIGHT_TILE_512(2, 5); break;
                    }
                }
            }
        }
        o += 2 * halves;
    }
    if (o < outputs) {
        // The last odd channel: the 8-lane kernel on it alone (its planes start at channel o), image by image.
        for (long n = 0; n < images; n++)
            weightGradientImage(1, padded[n], channels, planeStride, ld, dy[n] + o * dyPlane, 1, dyPlane, ldy, k, outHeight,
                                outWidth, dw + o * dwChannel, accumulate || n > 0);
    }
}
#endif

// Entry points: the fused copies where the CPU has AVX2 and FMA, else the clones without contraction.

#if SEPLAW_CONV_FMA
static SEPLAW_FMA_TARGET
void forwardFused(const float *padded, long channels, long planeStride, long ld, const float *packed, long outputs,
                  long k, long outHeight, long outWidth, const float *bias, float *y) {
    forwardImage(1, padded, channels, planeStride, ld, packed, outputs, k, outHeight, outWidth, bias, y);
}

static SEPLAW_FMA_TARGET
void weightGradientFused(const float *padded, long channels, long planeStride, long ld, const float *dy, long outputs,
                         long dyPlane, long ldy, long k, long outHeight, long outWidth, float *dw, int accumulate) {
    weightGradientImage(1, padded, channels, planeStride, ld, dy, outputs, dyPlane, ldy, k, outHeight, outWidth, dw, accumulate);
}
#endif

SEPLAW_CLONES
void seplaw_conv_forward_direct(const float *padded, long channels, long planeStride, long ld,
                                const float *packed, long outputs, long k, long outHeight, long outWidth,
                                const float *bias, float *y) {
#if SEPLAW_CONV_FMA
    if (seplaw_vector_level() >= SEPLAW_VECTOR_AVX512) {
        forward512(padded, channels, planeStride, ld, packed, outputs, k, outHeight, outWidth, bias, y);
        return;
    }
    if (seplaw_small_sgemm_supported()) {
        forwardFused(padded, channels, planeStride, ld, packed, outputs, k, outHeight, outWidth, bias, y);
        return;
    }
#endif
    forwardImage(0, padded, channels, planeStride, ld, packed, outputs, k, outHeight, outWidth, bias, y);
}

SEPLAW_CLONES
void seplaw_conv_weight_gradient_direct_images(const float *const *padded, const float *const *dy, long images,
                                               long channels, long planeStride, long ld, long outputs, long dyPlane,
                                               long ldy, long k, long outHeight, long outWidth, float *dw, int accumulate) {
#if SEPLAW_CONV_FMA
    if (seplaw_vector_level() >= SEPLAW_VECTOR_AVX512) {
        weightGradient512(padded, images, channels, planeStride, ld, dy, outputs, dyPlane, ldy, k, outHeight, outWidth, dw,
                          accumulate);
        return;
    }
    if (seplaw_small_sgemm_supported()) {
        for (long n = 0; n < images; n++)
            weightGradientFused(padded[n], channels, planeStride, ld, dy[n], outputs, dyPlane, ldy, k, outHeight, outWidth,
                                dw, accumulate || n > 0);
        return;
    }
#endif
    for (long n = 0; n < images; n++)
        weightGradientImage(0, padded[n], channels, planeStride, ld, dy[n], outputs, dyPlane, ldy, k, outHeight, outWidth,
                            dw, accumulate || n > 0);
}

int seplaw_conv_direct_fused(void) {
#if SEPLAW_CONV_FMA
    return seplaw_small_sgemm_supported();
#else
    return 0;
#endif
}

SEPLAW_CLONES
void seplaw_conv_sum_lanes(const float *lanes, long count, float *dw) {
    for (long i = 0; i < count; i++) {
        const float *t = lanes + i * LANES;
        dw[i] = ((t[0] + t[1]) + (t[2] + t[3])) + ((t[4] + t[5]) + (t[6] + t[7]));
    }
}

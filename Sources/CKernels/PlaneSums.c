#include "CKernels.h"
#include "Dispatch.h"
#include "Vectors.h"

// BatchNorm2d's per-plane reductions (and a convolution's bias gradient). Each plane of `count` values is summed in
// sixteen running sums, value k into sum k mod 16, for the largest multiple of 16 values; the sixteen are added in one
// fixed tree (halves, then quarters, then pairs) and the remaining values added to that total in order. One fixed
// order, no contraction: the AVX2 and baseline clones give the same bits as each other (`PlaneSumsTests` spells the
// order out in scalar code and compares bit for bit).
#pragma clang fp contract(off)

/// The fixed tree over the sixteen lanes of a0 (lanes 0–7) and a1 (lanes 8–15). A macro: see Vectors.h.
#define REDUCE16(a0, a1) ({ \
    v8f a_ = (a0) + (a1); /* lane l + lane l + 8 */ \
    float l_[8]; \
    memcpy(l_, &a_, sizeof l_); \
    ((l_[0] + l_[4]) + (l_[2] + l_[6])) + ((l_[1] + l_[5]) + (l_[3] + l_[7])); })

SEPLAW_CLONES
void seplaw_plane_sums(const float *x, long planes, long stride, long count, float *out) {
    for (long p = 0; p < planes; p++) {
        const float *v = x + p * stride;
        v8f a0 = {0}, a1 = {0};
        long k = 0;
        for (; k + 16 <= count; k += 16) {
            a0 += load8(v + k);
            a1 += load8(v + k + 8);
        }
        float total = REDUCE16(a0, a1);
        for (; k < count; k++) total += v[k];
        out[p] = total;
    }
}

SEPLAW_CLONES
void seplaw_plane_squared_deviations(const float *x, long planes, long stride, long count, float mean, float *out) {
    const v8f m = splat8(mean);
    for (long p = 0; p < planes; p++) {
        const float *v = x + p * stride;
        v8f a0 = {0}, a1 = {0};
        long k = 0;
        for (; k + 16 <= count; k += 16) {
            v8f d0 = load8(v + k) - m, d1 = load8(v + k + 8) - m;
            a0 += d0 * d0;
            a1 += d1 * d1;
        }
        float total = REDUCE16(a0, a1);
        for (; k < count; k++) {
            float d = v[k] - mean;
            total += d * d;
        }
        out[p] = total;
    }
}

/// The gradient through the gate (see the header) of eight values.
#define GATED8(d, y, gate) \
    ((gate) == 1 ? (d) * mask8((y), 0.0f) : (gate) == 2 ? (v8f)((v8i)(d) & (v8i)((y) > 0.0f)) : (d))

static inline __attribute__((always_inline)) float gated(float d, float y, int gate) {
    return gate == 1 ? d * (y > 0 ? 1.0f : 0.0f) : gate == 2 ? (y > 0 ? d : 0.0f) : d;
}

/// One gate's loop: `gate` is a constant in each call below, so the tests fold away.
static inline __attribute__((always_inline)) void gradientSums(const float *dy, const float *y, const float *x,
                                                               int gate, long planes, long stride, long count,
                                                               float mean, float inverseStd, float *gradient,
                                                               float *normalized) {
    const v8f m = splat8(mean), inv = splat8(inverseStd);
    for (long p = 0; p < planes; p++) {
        const float *d = dy + p * stride, *out = y + p * stride, *v = x + p * stride;
        v8f g0 = {0}, g1 = {0}, n0 = {0}, n1 = {0};
        long k = 0;
        for (; k + 16 <= count; k += 16) {
            v8f y0 = {0}, y1 = {0};
            if (gate != 0) { y0 = load8(out + k); y1 = load8(out + k + 8); }
            v8f a0 = GATED8(load8(d + k), y0, gate), a1 = GATED8(load8(d + k + 8), y1, gate);
            g0 += a0;
            g1 += a1;
            n0 += a0 * ((load8(v + k) - m) * inv);
            n1 += a1 * ((load8(v + k + 8) - m) * inv);
        }
        float g = REDUCE16(g0, g1), n = REDUCE16(n0, n1);
        for (; k < count; k++) {
            float a = gated(d[k], gate == 0 ? 0.0f : out[k], gate);
            g += a;
            n += a * ((v[k] - mean) * inverseStd);
        }
        gradient[p] = g;
        normalized[p] = n;
    }
}

SEPLAW_CLONES
void seplaw_plane_gradient_sums(const float *dy, const float *y, const float *x, int gate, long planes, long stride,
                                long count, float mean, float inverseStd, float *gradient, float *normalized) {
    switch (gate) {
    case 1: gradientSums(dy, y, x, 1, planes, stride, count, mean, inverseStd, gradient, normalized); break;
    case 2: gradientSums(dy, y, x, 2, planes, stride, count, mean, inverseStd, gradient, normalized); break;
    default: gradientSums(dy, y, x, 0, planes, stride, count, mean, inverseStd, gradient, normalized); break;
    }
}

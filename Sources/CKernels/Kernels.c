#include "CKernels.h"
#include "Dispatch.h"
#include "Vectors.h"
#include <string.h>

// Same rounding as the Swift loops: no fused multiply-add, no reassociation.
#pragma clang fp contract(off)

// Columns are reduced 32 at a time in registers (four 8-lane accumulators), then 8 at a time, then one
// at a time; every column is summed over the rows in order, exactly as the scalar loop does.

SEPLAW_CLONES
void seplaw_column_sums(const float *x, long rows, long cols, float *sums) {
    long j = 0;
    for (; j + 32 <= cols; j += 32) {
        v8f a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
        for (long i = 0; i < rows; i++) {
            const float *r = x + i * cols + j;
            a0 += load8(r); a1 += load8(r + 8); a2 += load8(r + 16); a3 += load8(r + 24);
        }
        store8(sums + j, a0); store8(sums + j + 8, a1); store8(sums + j + 16, a2); store8(sums + j + 24, a3);
    }
    for (; j + 8 <= cols; j += 8) {
        v8f a = {0};
        for (long i = 0; i < rows; i++) a += load8(x + i * cols + j);
        store8(sums + j, a);
    }
    for (; j < cols; j++) {
        float a = 0;
        for (long i = 0; i < rows; i++) a += x[i * cols + j];
        sums[j] = a;
    }
}

SEPLAW_CLONES
void seplaw_squared_deviation_sums(const float *x, long rows, long cols, const float *mean, float *sums) {
    long j = 0;
    for (; j + 32 <= cols; j += 32) {
        v8f m0 = load8(mean + j), m1 = load8(mean + j + 8), m2 = load8(mean + j + 16), m3 = load8(mean + j + 24);
        v8f a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
        for (long i = 0; i < rows; i++) {
            const float *r = x + i * cols + j;
            v8f d0 = load8(r) - m0, d1 = load8(r + 8) - m1, d2 = load8(r + 16) - m2, d3 = load8(r + 24) - m3;
            a0 += d0 * d0; a1 += d1 * d1; a2 += d2 * d2; a3 += d3 * d3;
        }
        store8(sums + j, a0); store8(sums + j + 8, a1); store8(sums + j + 16, a2); store8(sums + j + 24, a3);
    }
    for (; j + 8 <= cols; j += 8) {
        v8f m = load8(mean + j), a = {0};
        for (long i = 0; i < rows; i++) {
            v8f d = load8(x + i * cols + j) - m;
            a += d * d;
        }
        store8(sums + j, a);
    }
    for (; j < cols; j++) {
        float a = 0;
        for (long i = 0; i < rows; i++) {
            float d = x[i * cols + j] - mean[j];
            a += d * d;
        }
        sums[j] = a;
    }
}

SEPLAW_CLONES
void seplaw_batchnorm_normalize(const float *x, long rows, long cols, const float *restrict mean,
                                const float *restrict inverseStd, const float *restrict gamma,
                                const float *restrict beta, int rectify, float *restrict normalized,
                                float *restrict y) {
    for (long i = 0; i < rows; i++) {
        const float *restrict r = x + i * cols;
        float *restrict n = normalized + i * cols;
        float *restrict out = y + i * cols;
        if (rectify) {
            for (long j = 0; j < cols; j++) {
                float v = (r[j] - mean[j]) * inverseStd[j];
                n[j] = v;
                float s = gamma[j] * v + beta[j];
                out[j] = s > 0 ? s : 0;
            }
        } else {
            for (long j = 0; j < cols; j++) {
                float v = (r[j] - mean[j]) * inverseStd[j];
                n[j] = v;
                out[j] = gamma[j] * v + beta[j];
            }
        }
    }
}

SEPLAW_CLONES
void seplaw_batchnorm_gradient_sums(const float *dy, const float *y, const float *normalized,
                                    long rows, long cols, float floor,
                                    float *sumGradient, float *sumGradientNormalized) {
    const v8f zero = {0}, lowest = zero + floor;
    long j = 0;
    for (; j + 16 <= cols; j += 16) {
        v8f s0 = zero, s1 = zero, t0 = zero, t1 = zero;
        for (long i = 0; i < rows; i++) {
            long o = i * cols + j;
            v8f g0 = load8(dy + o) * mask8(load8(y + o), lowest);
            v8f g1 = load8(dy + o + 8) * mask8(load8(y + o + 8), lowest);
            s0 += g0; s1 += g1;
            t0 += g0 * load8(normalized + o); t1 += g1 * load8(normalized + o + 8);
        }
        store8(sumGradient + j, s0); store8(sumGradient + j + 8, s1);
        store8(sumGradientNormalized + j, t0); store8(sumGradientNormalized + j + 8, t1);
    }
    for (; j + 8 <= cols; j += 8) {
        v8f s = zero, t = zero;
        for (long i = 0; i < rows; i++) {
            long o = i * cols + j;
            v8f g = load8(dy + o) * mask8(load8(y + o), lowest);
            s += g;
            t += g * load8(normalized + o);
        }
        store8(sumGradient + j, s); store8(sumGradientNormalized + j, t);
    }
    for (; j < cols; j++) {
        float s = 0, t = 0;
        for (long i = 0; i < rows; i++) {
            long o = i * cols + j;
            float g = dy[o] * (y[o] > floor ? 1.0f : 0.0f);
            s += g;
            t += g * normalized[o];
        }
        sumGradient[j] = s;
        sumGradientNormalized[j] = t;
    }
}

SEPLAW_CLONES
void seplaw_batchnorm_input_gradient(const float *dy, const float *y, const float *normalized,
                                     long rows, long cols, float floor, const float *restrict gamma,
                                     const float *restrict inverseStd, const float *restrict meanGradient,
                                     const float *restrict meanGradientNormalized, float *dx) {
    for (long i = 0; i < rows; i++) {
        const float *restrict d = dy + i * cols, *restrict out = y + i * cols, *restrict n = normalized + i * cols;
        float *restrict target = dx + i * cols;
        for (long j = 0; j < cols; j++) {
            float mask = out[j] > floor ? 1.0f : 0.0f;
            target[j] = gamma[j] * inverseStd[j] * (d[j] * mask - meanGradient[j] - n[j] * meanGradientNormalized[j]);
        }
    }
}

SEPLAW_CLONES
void seplaw_sgd_update(float *restrict p, const float *restrict g, long count, float rate, float decay) {
    for (long i = 0; i < count; i++) p[i] -= rate * (g[i] + decay * p[i]);
}

SEPLAW_CLONES
void seplaw_momentum_update(float *restrict p, const float *restrict g, float *restrict v, long count,
                            float rate, float decay, float momentum) {
    for (long i = 0; i < count; i++) {
        v[i] = momentum * v[i] + (g[i] + decay * p[i]);
        p[i] -= rate * v[i];
    }
}

SEPLAW_CLONES
void seplaw_adam_update(float *restrict p, const float *restrict g, float *restrict m, float *restrict v, long count,
                        const SeplawAdamConstants *c) {
    const float beta1 = c->beta1, beta2 = c->beta2, oneMinusBeta1 = 1 - c->beta1, oneMinusBeta2 = 1 - c->beta2;
    const float decay = c->decay, stepSize = c->stepSize, root2 = c->root2, epsilon = c->epsilon;
    for (long i = 0; i < count; i++) {
        float grad = g[i] + decay * p[i];
        float mi = beta1 * m[i] + oneMinusBeta1 * grad;
        float vi = beta2 * v[i] + oneMinusBeta2 * grad * grad;
        m[i] = mi;
        v[i] = vi;
        p[i] -= stepSize * mi / (__builtin_sqrtf(vi) / root2 + epsilon);
    }
}

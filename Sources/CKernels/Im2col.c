#include "CKernels.h"
#include "Dispatch.h"
#include "Vectors.h"
#include <stdlib.h>

// im2col and col2im for Float32 through one zero-padded plane.
//
// Each input plane is first copied between zero margins by `seplaw_conv_pad` (a (height + 2·padding) ×
// (width + 2·padding) scratch plane); every row of the column matrix is then a strided read of that plane with no
// test for the padding, and col2im adds the column rows into a zeroed padded plane and copies its interior out. For
// an input element the additions come in the same order as in Conv2d's Swift loops (kernel row, then kernel
// column), each starting from zero, so both give the same bits. Loops stay loops: for the 2- and 4-wide rows of small layers a library
// call per row costs more than the values it moves.

/// to[0..<n] = from[0..<n]: eight, then four values per move (rows of small layers are 2–8 values long).
static inline __attribute__((always_inline)) void copyRow(float *to, const float *from, long n) {
    long j = 0;
    for (; j + 8 <= n; j += 8) {
        v8f v;
        __builtin_memcpy(&v, from + j, sizeof v);
        __builtin_memcpy(to + j, &v, sizeof v);
    }
    if (j + 4 <= n) {
        v4f v;
        __builtin_memcpy(&v, from + j, sizeof v);
        __builtin_memcpy(to + j, &v, sizeof v);
        j += 4;
    }
    for (; j < n; j++) to[j] = from[j];
}

/// to[0..<n] += from[0..<n], one addition per element as in the scalar loop.
static inline __attribute__((always_inline)) void addRow(float *to, const float *from, long n) {
    long j = 0;
    for (; j + 8 <= n; j += 8) {
        v8f a, b;
        __builtin_memcpy(&a, to + j, sizeof a);
        __builtin_memcpy(&b, from + j, sizeof b);
        a += b;
        __builtin_memcpy(to + j, &a, sizeof a);
    }
    if (j + 4 <= n) {
        v4f a, b;
        __builtin_memcpy(&a, to + j, sizeof a);
        __builtin_memcpy(&b, from + j, sizeof b);
        a += b;
        __builtin_memcpy(to + j, &a, sizeof a);
        j += 4;
    }
    for (; j < n; j++) to[j] += from[j];
}

SEPLAW_CLONES __attribute__((no_builtin("memset", "memcpy")))
int seplaw_im2col(const float *x, long images, long channels, long height, long width, long kernel, long stride,
                  long padding, long outHeight, long outWidth, float *columns, long ld) {
    long paddedWidth = width + 2 * padding, spatial = outHeight * outWidth;
    float *padded = malloc((size_t)((height + 2 * padding) * paddedWidth) * sizeof(float));
    if (!padded) return -1;
    for (long e = 0; e < images; e++) {
        for (long c = 0; c < channels; c++) {
            seplaw_conv_pad(x + (e * channels + c) * height * width, 1, height, width, padding, padding,
                            height + 2 * padding, paddedWidth, padded);
            for (long ki = 0; ki < kernel; ki++) {
                for (long kj = 0; kj < kernel; kj++) {
                    float *target = columns + ((c * kernel + ki) * kernel + kj) * ld + e * spatial;
                    for (long oh = 0; oh < outHeight; oh++) {
                        const float *source = padded + (oh * stride + ki) * paddedWidth + kj;
                        float *row = target + oh * outWidth;
                        if (stride == 1)
                            copyRow(row, source, outWidth);
                        else
                            for (long ow = 0; ow < outWidth; ow++) row[ow] = source[ow * stride];
                    }
                }
            }
        }
    }
    free(padded);
    return 0;
}

SEPLAW_CLONES __attribute__((no_builtin("memset", "memcpy")))
int seplaw_col2im(const float *columns, long ld, long images, long channels, long height, long width, long kernel,
                  long stride, long padding, long outHeight, long outWidth, float *dx) {
    long paddedWidth = width + 2 * padding, paddedCount = (height + 2 * padding) * paddedWidth;
    long spatial = outHeight * outWidth;
    float *padded = malloc((size_t)paddedCount * sizeof(float));
    if (!padded) return -1;
    for (long e = 0; e < images; e++) {
        for (long c = 0; c < channels; c++) {
            for (long i = 0; i < paddedCount; i++) padded[i] = 0;
            for (long ki = 0; ki < kernel; ki++) {
                for (long kj = 0; kj < kernel; kj++) {
                    const float *source = columns + ((c * kernel + ki) * kernel + kj) * ld + e * spatial;
                    for (long oh = 0; oh < outHeight; oh++) {
                        float *target = padded + (oh * stride + ki) * paddedWidth + kj;
                        const float *row = source + oh * outWidth;
                        if (stride == 1)
                            addRow(target, row, outWidth);
                        else
                            for (long ow = 0; ow < outWidth; ow++) target[ow * stride] += row[ow];
                    }
                }
            }
            float *plane = dx + (e * channels + c) * height * width;
            for (long r = 0; r < height; r++) copyRow(plane + r * width, padded + (r + padding) * paddedWidth + padding, width);
        }
    }
    free(padded);
    return 0;
}

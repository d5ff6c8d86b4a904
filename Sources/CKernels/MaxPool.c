#include "CKernels.h"
#include "Dispatch.h"
#include "Vectors.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

// Max pooling of Float32 planes in two passes, eight output columns at a time.
//
// The rule (PyTorch's CPU kernel, and the scalar loop of MaxPool2d): visit a window's positions in row-major
// order starting from best = −∞ at the window's first position inside the plane, and take a value when
// `v > best || isnan(v)`. Split in two, it gives the same value and position: a row pass takes, for every input row
// and output column, the rule's winner among that row's window columns; a column pass then takes the rule's winner
// among the window rows' row winners. The first maximum in row-major order is the first maximum of the first row
// that holds the maximum, and the last NaN is the last NaN of the last row that holds one, so both orders agree. A
// 3×3 stride-1 window costs two comparisons per output in each pass instead of nine, and each row winner serves
// `kernel` output rows.
//
// The row pass copies the row between −∞ margins (never taken by the rule, so the window's first position inside
// the plane stays the default), which puts every output, edges included, in the eight-lane loop. A stride-2 lane
// set is read with two 8-value loads and a shuffle; other strides gather. Without `indices` (evaluation) no
// position is kept.

enum { LANES = 8 };

/// The rule per lane: take v where `v > best || isnan(v)`.
#define TAKES(v, best) (((v) > (best)) | ((v) != (v)))
#define PICK(take, v, best) ((v8f)(((v8i)(v) & (take)) | ((v8i)(best) & ~(take))))
#define PICK_INT(take, a, b) (((a) & (take)) | ((b) & ~(take)))

/// *out = row[0], row[step], …, row[7·step].
static inline __attribute__((always_inline)) void strided8(const float *row, long step, v8f *out) {
    if (step == 1) {
        *out = load8(row);
    } else if (step == 2) {
        v8f low = load8(row), high = load8(row + 7);
        *out = __builtin_shufflevector(low, high, 0, 2, 4, 6, 9, 11, 13, 15);
    } else {
        for (int l = 0; l < LANES; l++) (*out)[l] = row[l * step];
    }
}

/// The row pass of one input row, for `blocks` blocks of eight output columns: `winner` the rule's winner among the
/// row's window columns, `where` its column (when kept). `margined` is scratch of blocks·8·stride + kernel floats.
static inline __attribute__((always_inline))
void rowPass(int keep, const float *row, long width, long kernel, long stride, long padding, long blocks,
             float *margined, float *winner, int *where) {
    long length = blocks * LANES * stride + kernel;
    for (long j = 0; j < padding; j++) margined[j] = -INFINITY;
    memcpy(margined + padding, row, (size_t)width * sizeof(float));
    for (long j = padding + width; j < length; j++) margined[j] = -INFINITY;
    const v8i lanes = {0, 1, 2, 3, 4, 5, 6, 7};
    const v8f lowest = {-INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY, -INFINITY};
    for (long b = 0; b < blocks; b++) {
        long ow = b * LANES;
        v8i starts = (int)(ow * stride - padding) + lanes * (int)stride;  // each window's first column
        v8f best = lowest;
        v8i column = starts & ~(starts >> 31);  // max(start, 0): the first column inside the row
        for (long kw = 0; kw < kernel; kw++) {
            v8f v;
            strided8(margined + ow * stride + kw, stride, &v);
            v8i take = TAKES(v, best);
            best = PICK(take, v, best);
            if (keep) column = PICK_INT(take, starts + (int)kw, column);
        }
        memcpy(winner + ow, &best, sizeof best);
        if (keep) memcpy(where + ow, &column, sizeof column);
    }
}

static inline __attribute__((always_inline))
void poolPlanes(int keep, const float *x, long planes, long height, long width, long kernel, long stride,
                long padding, long outHeight, long outWidth, float *y, int *indices, float *margined,
                float *winners, int *columns) {
    long blocks = (outWidth + LANES - 1) / LANES, ld = blocks * LANES;
    for (long plane = 0; plane < planes; plane++) {
        const float *source = x + plane * height * width;
        for (long ih = 0; ih < height; ih++)
            rowPass(keep, source + ih * width, width, kernel, stride, padding, blocks, margined, winners + ih * ld,
                    keep ? columns + ih * ld : 0);
        float *target = y + plane * outHeight * outWidth;
        int *index = keep ? indices + plane * outHeight * outWidth : 0;
        for (long oh = 0; oh < outHeight; oh++) {
            long rowStart = oh * stride - padding;
            long rowLow = rowStart > 0 ? rowStart : 0;
            long rowHigh = rowStart + kernel < height ? rowStart + kernel : height;
            for (long ow = 0; ow < outWidth; ow += LANES) {
                v8f best = load8(winners + rowLow * ld + ow);
                v8i position = {0};
                if (keep) position = loadInt8(columns + rowLow * ld + ow) + (int)(rowLow * width);
                for (long ih = rowLow + 1; ih < rowHigh; ih++) {
                    v8f v = load8(winners + ih * ld + ow);
                    v8i take = TAKES(v, best);
                    best = PICK(take, v, best);
                    if (keep) position = PICK_INT(take, loadInt8(columns + ih * ld + ow) + (int)(ih * width), position);
                }
                long count = outWidth - ow < LANES ? outWidth - ow : LANES;
                memcpy(target + oh * outWidth + ow, &best, (size_t)count * sizeof(float));
                if (keep) memcpy(index + oh * outWidth + ow, &position, (size_t)count * sizeof(int));
            }
        }
    }
}

SEPLAW_CLONES
int seplaw_maxpool_forward(const float *x, long planes, long height, long width, long kernel, long stride,
                           long padding, long outHeight, long outWidth, float *y, int *indices) {
    long ld = (outWidth + LANES - 1) / LANES * LANES;
    float *margined = malloc((size_t)(ld * stride + kernel) * sizeof(float));
    float *winners = malloc((size_t)(height * ld) * sizeof(float));
    int *columns = indices ? malloc((size_t)(height * ld) * sizeof(int)) : 0;
    int status = -1;
    if (margined && winners && (columns || !indices)) {
        if (indices)
            poolPlanes(1, x, planes, height, width, kernel, stride, padding, outHeight, outWidth, y, indices,
                       margined, winners, columns);
        else
            poolPlanes(0, x, planes, height, width, kernel, stride, padding, outHeight, outWidth, y, 0, margined,
                       winners, 0);
        status = 0;
    }
    free(margined);
    free(winners);
    free(columns);
    return status;
}

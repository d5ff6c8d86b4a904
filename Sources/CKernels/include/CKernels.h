#ifndef SEPLAW_CKERNELS_H
#define SEPLAW_CKERNELS_H
// Float32 element-wise and column-reduction kernels of the training step. Each is compiled twice
// (AVX2 and the x86-64 baseline, chosen at load time by the CPU) and computes exactly the same
// operations in the same order as the generic Swift loops it replaces, so results are bit-identical
// on every CPU: vector lanes run across features, never across the summed dimension, and no
// multiply-add is contracted. Matrices are row-major, `rows` × `cols`, contiguous.

/// sums[j] = 0 + x[0][j] + x[1][j] + … + x[rows-1][j]
void seplaw_column_sums(const float *x, long rows, long cols, float *sums);

/// sums[j] = Σ_i (x[i][j] − mean[j])², summed over i in order from 0.
void seplaw_squared_deviation_sums(const float *x, long rows, long cols, const float *mean, float *sums);

/// x̂ = (x − mean)·inverseStd; y = γ·x̂ + β, or max(γ·x̂ + β, 0) when `rectify` (NaN → 0).
void seplaw_batchnorm_normalize(const float *x, long rows, long cols, const float *mean,
                                const float *inverseStd, const float *gamma, const float *beta,
                                int rectify, float *normalized, float *y);

/// BatchNorm2d's plane reductions (PlaneSums.c: sixteen running sums per plane in one fixed order), over `planes`
/// planes of `count` values at x + p·stride: out[p] = Σ_k x[k].
void seplaw_plane_sums(const float *x, long planes, long stride, long count, float *out);

/// out[p] = Σ_k (x[k] − mean)² over each plane.
void seplaw_plane_squared_deviations(const float *x, long planes, long stride, long count, float mean, float *out);

/// With g = dy (gate 0), dy·(y > 0 ? 1 : 0) (gate 1, a fused ReLU) or y > 0 ? dy : 0 (gate 2, a residual add and
/// ReLU), and x̂ = (x − mean)·inverseStd: gradient[p] = Σ_k g, normalized[p] = Σ_k g·x̂ over each plane of dy, y, x.
void seplaw_plane_gradient_sums(const float *dy, const float *y, const float *x, int gate, long planes, long stride,
                                long count, float mean, float inverseStd, float *gradient, float *normalized);

/// With g = dy·(y > floor ? 1 : 0): sumGradient[j] = Σ_i g, sumGradientNormalized[j] = Σ_i g·x̂.
void seplaw_batchnorm_gradient_sums(const float *dy, const float *y, const float *normalized,
                                    long rows, long cols, float floor,
                                    float *sumGradient, float *sumGradientNormalized);

/// dx = (γ·inverseStd)·((dy·mask − meanGradient) − x̂·meanGradientNormalized), mask = y > floor.
void seplaw_batchnorm_input_gradient(const float *dy, const float *y, const float *normalized,
                                     long rows, long cols, float floor, const float *gamma,
                                     const float *inverseStd, const float *meanGradient,
                                     const float *meanGradientNormalized, float *dx);

/// p −= rate·(g + decay·p)
void seplaw_sgd_update(float *p, const float *g, long count, float rate, float decay);

/// v = momentum·v + (g + decay·p); p −= rate·v
void seplaw_momentum_update(float *p, const float *g, float *v, long count, float rate, float decay,
                            float momentum);

/// Adam's constants for one step (PyTorch's arithmetic; `stepSize` = lr / (1 − β1ᵗ), `root2` = sqrt(1 − β2ᵗ)).
typedef struct {
    float beta1, beta2, epsilon, decay, stepSize, root2;
} SeplawAdamConstants;

/// grad = g + decay·p; m = β1·m + (1 − β1)·grad; v = β2·v + (1 − β2)·grad·grad; p −= stepSize·m / (sqrt(v)/root2 + ε)
void seplaw_adam_update(float *p, const float *g, float *m, float *v, long count, const SeplawAdamConstants *constants);

/// Max pooling of `planes` planes (height × width → outHeight × outWidth), square `kernel` windows, padding as
/// −∞: y is each window's maximum and, when `indices` is not NULL, indices its position ih·width + iw in the input
/// plane; the first maximum in row-major window order wins, and a NaN wins over numbers (MaxPool.c). Returns 0,
/// or −1 (nothing written) when its scratch rows cannot be allocated.
int seplaw_maxpool_forward(const float *x, long planes, long height, long width, long kernel, long stride,
                           long padding, long outHeight, long outWidth, float *y, int *indices);

/// The column matrix of `images` images (C×H×W each) for a k×k convolution: row (c·k + ki)·k + kj, column
/// e·Ho·Wo + oh·Wo + ow holds x[e][c][oh·stride − padding + ki][ow·stride − padding + kj] (0 in the padding); rows
/// are `ld` apart (Im2col.c). Returns 0, or −1 (nothing written) when its scratch plane cannot be allocated.
int seplaw_im2col(const float *x, long images, long channels, long height, long width, long kernel, long stride,
                  long padding, long outHeight, long outWidth, float *columns, long ld);

/// The adjoint of ``seplaw_im2col``: dx (overwritten) gathers every column-matrix entry onto the input element it
/// was read from, adding in kernel-row, kernel-column order from zero. Returns 0, or −1 (nothing written).
int seplaw_col2im(const float *columns, long ld, long images, long channels, long height, long width, long kernel,
                  long stride, long padding, long outHeight, long outWidth, float *dx);

/// The vector code the kernels may run (VectorLevel.c).
enum {
    /// x86-64 baseline (or no x86): separate multiplies and adds.
    SEPLAW_VECTOR_BASELINE = 0,
    /// AVX2 and FMA: 8-lane fused multiply-adds.
    SEPLAW_VECTOR_AVX2 = 1,
    /// AVX-512 F, DQ and VL: the same fused multiply-adds in the same order per output, 16 lanes at a time.
    SEPLAW_VECTOR_AVX512 = 2,
};

/// What this CPU offers, capped by the environment variable SEPLAW_VECTOR_LIMIT (`baseline`, `avx2`, `avx512`).
int seplaw_cpu_vector_level(void);

/// ``seplaw_cpu_vector_level`` capped by ``seplaw_limit_vector_level``: the level the kernels run now.
int seplaw_vector_level(void);

/// Caps the level for the rest of the process (benchmarks and tests compare the paths; SEPLAW_VECTOR_AVX512 lifts
/// the cap). Call it while no kernel runs.
void seplaw_limit_vector_level(int level);

/// Runs `iterations` rounds of fused multiply-adds on registers only (CoreProbe.c) and returns their sum (so that the
/// loop is not dropped); sets the flops one round does. A core's compute ceiling without memory traffic.
float seplaw_core_probe(long iterations, long *flopsPerIteration);

/// a[i] = a[i]·½ + b[i]·c[i] for i in 0..<n at the widest vectors the kernels run (CoreProbe.c): a memory stream that
/// one thread runs as fast as the memory system lets it.
void seplaw_stream_probe(float *a, const float *b, const float *c, long n);

/// Whether this CPU runs ``seplaw_small_sgemm`` (AVX2 and FMA, not capped to the baseline).
int seplaw_small_sgemm_supported(void);

/// C (m×n) = op(A)·op(B), plus C when `accumulate`, else plus `bias` (n values, one per column) unless it is null;
/// op(A) is m×k, op(B) k×n, row-major, op = transpose where the flag is set. For small matrices (k up to a few
/// hundred): op(B) is packed per call, A read in place. Returns 0 (and leaves C alone) when the CPU lacks AVX2/FMA
/// or its panel buffer cannot grow.
int seplaw_small_sgemm(int transA, int transB, long m, long n, long k, const float *a, long lda,
                       const float *b, long ldb, int accumulate, const float *bias, float *c, long ldc);

// Direct stride-1 convolution of one NCHW image (DirectConvolution.c). Padded planes are `rows` × `ld` floats,
// `planeStride` = rows·ld apart, zero outside the copied interior.

/// padded[c][top + i][left + j] = x[c][i][j] (channels × height × width), every other entry of the planes 0.
void seplaw_conv_pad(const float *x, long channels, long height, long width, long top, long left,
                     long rows, long ld, float *padded);

/// Packs W (outputs × channels × k × k) for the forward kernel: blocks of 4 output channels, [block][c][ki][kj][4],
/// zero-filled past `outputs`. With `flipTranspose`, W is read as channels × outputs × k × k and packed flipped in
/// both kernel axes and transposed (the input-gradient weights).
void seplaw_conv_pack_weights(const float *w, long outputs, long channels, long k, int flipTranspose, float *packed);

/// y[o][i][j] = bias[o] + Σ_c,ki,kj W[o][c][ki][kj]·padded[c][i + ki][j + kj] for an outHeight × outWidth output
/// (bias may be null); `ld` ≥ 8·⌈outWidth/8⌉ + k − 1 and rows ≥ outHeight + k − 1.
void seplaw_conv_forward_direct(const float *padded, long channels, long planeStride, long ld,
                                const float *packed, long outputs, long k, long outHeight, long outWidth,
                                const float *bias, float *y);

/// lanes[o][c][ki][kj][0..<8] (+ lanes when `accumulate`) += the 8 lane sums of Σ_i,j dy[n][o][i][j]·padded[n][c][i + ki][j + kj]
/// for each of `images` images n in turn (``seplaw_conv_sum_lanes`` adds the lanes up), with dy's planes `dyPlane` and
/// its rows `ldy` apart and zero in the 8·⌈outWidth/8⌉ − outWidth entries after each row's outWidth values. Each
/// image's sums are formed on their own and added in image order, so the bits are those of one call per image (the
/// first with `accumulate`, the others accumulating); where the CPU has AVX-512 the lanes are read and written once
/// per call instead of once per image.
void seplaw_conv_weight_gradient_direct_images(const float *const *padded, const float *const *dy, long images,
                                               long channels, long planeStride, long ld, long outputs, long dyPlane,
                                               long ldy, long k, long outHeight, long outWidth, float *lanes,
                                               int accumulate);

/// dw[i] = ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)) of lanes[i][0..<8], for i in 0..<count.
void seplaw_conv_sum_lanes(const float *lanes, long count, float *dw);

/// Whether the direct convolution kernels run as fused multiply-adds on this CPU (AVX2 and FMA, or AVX-512).
int seplaw_conv_direct_fused(void);

#endif

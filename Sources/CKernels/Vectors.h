#ifndef SEPLAW_VECTORS_H
#define SEPLAW_VECTORS_H

// The 8-lane vector types and unaligned loads and stores the kernels share. Macros, not functions: a function
// taking or returning a 256-bit vector would change the calling convention between the AVX2 and baseline copies.

#include <string.h>

typedef float v8f __attribute__((vector_size(32)));
typedef int v8i __attribute__((vector_size(32)));
typedef float v4f __attribute__((vector_size(16)));

#define load8(p) ({ v8f v_; memcpy(&v_, (p), sizeof v_); v_; })
#define loadInt8(p) ({ v8i v_; memcpy(&v_, (p), sizeof v_); v_; })
#define store8(p, v) do { v8f s_ = (v); memcpy((p), &s_, sizeof s_); } while (0)
#define splat8(s) ({ float s_ = (s); (v8f){s_, s_, s_, s_, s_, s_, s_, s_}; })
/// 1 where y > floor, else 0 (a NaN y gives 0, as the scalar comparison does).
#define mask8(y, floor) ((v8f)((v8i)((y) > (floor)) & (v8i)ONE8))
static const v8f ONE8 = {1, 1, 1, 1, 1, 1, 1, 1};

#endif

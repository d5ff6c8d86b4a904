#ifndef SEPLAW_COPENBLAS_SHIM_H
#define SEPLAW_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif

#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H
// Debian's OpenBLAS is built with NO_LAPACKE, so LAPACKE comes from liblapacke-dev,
// which calls liblapack.so.3 (an alternatives link to OpenBLAS' LAPACK).
#include <cblas.h>
#include <lapacke.h>
#endif

#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H
// Debian's OpenBLAS is built with NO_LAPACKE, so LAPACKE comes from liblapacke-dev,
// which calls liblapack.so.3 (an alternatives link to OpenBLAS' LAPACK).
#include <cblas.h>
#include <lapacke.h>
// Stops the worker threads OpenBLAS's pthread build starts when it is loaded (exported by
// libopenblas, declared in no header of it). Weak: OpenBLAS's serial and OpenMP builds have
// no such function, and then it is null and nothing is stopped.
int blas_thread_shutdown_(void) __attribute__((weak));
static inline void scaletop_stop_blas_workers(void) {
    if (blas_thread_shutdown_) blas_thread_shutdown_();
}
#endif

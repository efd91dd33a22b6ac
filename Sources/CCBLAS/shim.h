#ifndef CCBLAS_SHIM_H
#define CCBLAS_SHIM_H
#include <cblas.h>
/* OpenBLAS extras (declared in Debian's openblas cblas.h). */
#endif

// The CBLAS adapter behind ricci::gemm: typed overloads of the calls it makes, and how a
// strided matrix reads as a BLAS operand. Empty unless built with RICCI_HAVE_CBLAS.
#pragma once

#ifdef RICCI_HAVE_CBLAS

#include <cblas.h>

#include <climits>
#include <cstdint>

#include "ricci/gemm_kernel.h"

namespace ricci::blas {

// CBLAS takes int sizes, leading dimensions and increments.
inline bool fits_int(int64_t v) { return v <= INT_MAX; }

// How a rows x cols matrix with strides s reads as a row-major BLAS operand, if it does:
// unit stride along its columns (no transpose, ld = row stride) or along its rows (transpose,
// ld = column stride). The stride of an axis of extent 1 does not matter.
struct Operand {
  bool fits = false;
  bool transposed = false;
  int64_t ld = 1;
};

inline Operand operand(int64_t rows, int64_t cols, MatrixStrides s) {
  Operand o;
  if ((cols == 1 || s.col == 1) && (rows == 1 || s.row >= cols))
    o = {true, false, rows == 1 ? cols : s.row};
  else if ((rows == 1 || s.row == 1) && (cols == 1 || s.col >= rows))
    o = {true, true, cols == 1 ? rows : s.col};
  o.fits = o.fits && fits_int(o.ld);
  return o;
}

// C = alpha * op(A) * op(B), row-major, beta = 0.
inline void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, float alpha,
                 const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
  cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, 0.0f, c, ldc);
}

inline void gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, double alpha,
                 const double* a, int lda, const double* b, int ldb, double* c, int ldc) {
  cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, 0.0, c, ldc);
}

// y = alpha * op(A) * x for a row-major rows x cols A, beta = 0.
inline void gemv(CBLAS_TRANSPOSE ta, int rows, int cols, float alpha, const float* a, int lda,
                 const float* x, int incx, float* y, int incy) {
  cblas_sgemv(CblasRowMajor, ta, rows, cols, alpha, a, lda, x, incx, 0.0f, y, incy);
}

inline void gemv(CBLAS_TRANSPOSE ta, int rows, int cols, double alpha, const double* a, int lda,
                 const double* x, int incx, double* y, int incy) {
  cblas_dgemv(CblasRowMajor, ta, rows, cols, alpha, a, lda, x, incx, 0.0, y, incy);
}

inline float dot(int n, const float* x, int incx, const float* y, int incy) {
  return cblas_sdot(n, x, incx, y, incy);
}

inline double dot(int n, const double* x, int incx, const double* y, int incy) {
  return cblas_ddot(n, x, incx, y, incy);
}

}  // namespace ricci::blas

#endif  // RICCI_HAVE_CBLAS

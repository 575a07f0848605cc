// Matrix-vector and dot products, ricci::gemm's m == 1 and n == 1 cases: by CBLAS (?gemv,
// ?dot) when available and allowed, else by the built-in kernel. A GEMM routine is a poor
// matrix-vector product: OpenBLAS 0.3.21's ?gemm packs the whole matrix first, so A y at
// 2048 x 2048 ran 2 (f64) to 5 (f32) times slower through it than through ?gemv.
#pragma once

#include <cstdint>

#include "ricci/blas.h"
#include "ricci/gemv_kernel.h"

namespace ricci::gemv_detail {

// From this many multiply-adds on, a matrix-vector product goes to ?gemv (or ?dot) rather
// than ?gemm. Below it OpenBLAS 0.3.21's ?gemm with one row is as fast or faster (its
// small-matrix kernels: 70 ns against 100 ns at 32 x 32, about even at 256 x 256); above it
// ?gemm's packing of the whole matrix costs 2 to 5 times the product.
inline constexpr int64_t blas_min_volume = int64_t{256} * 256;
// From this many multiply-adds on, the built-in product is split over threads: below it,
// the product is a few microseconds at most, about what opening a parallel region costs.
inline constexpr int64_t threads_min_volume = int64_t{1} << 16;

// Whether a product with one row or one column of C runs here (true) or as a GEMM: always
// without CBLAS or where it is not allowed, and from blas_min_volume on where it is.
inline bool takes(int64_t volume, bool blas_allowed) {
#ifdef RICCI_HAVE_CBLAS
  return !blas_allowed || volume >= blas_min_volume;
#else
  static_cast<void>(volume);
  static_cast<void>(blas_allowed);
  return true;
#endif
}

#ifdef RICCI_HAVE_CBLAS

// Whether CBLAS takes y = alpha * M x: sizes and strides within int, an M that BLAS reads in
// place (one unit stride; for one row, any non-zero column stride) and non-zero increments
// (BLAS rejects 0).
inline bool blas_takes(int64_t rows, int64_t cols, MatrixStrides sm, int64_t incx, int64_t incy) {
  using blas::fits_int;
  if (!fits_int(rows) || !fits_int(cols) || incx == 0 || !fits_int(incx) || !fits_int(incy))
    return false;
  if (rows == 1) return sm.col != 0 && fits_int(sm.col);
  return incy != 0 && blas::operand(rows, cols, sm).fits;
}

// y = alpha * M x through CBLAS, for a product blas_takes: ?dot for one row, else ?gemv with
// a row-major M as it is and a column-major M as the transpose of its row-major reading.
template <class T>
void blas_gemv(int64_t rows, int64_t cols, T alpha, const T* m, MatrixStrides sm, const T* x,
               int64_t incx, T* y, int64_t incy) {
  const int r = static_cast<int>(rows), c = static_cast<int>(cols);
  if (rows == 1) {
    y[0] = alpha * blas::dot(c, m, static_cast<int>(sm.col), x, static_cast<int>(incx));
    return;
  }
  const blas::Operand o = blas::operand(rows, cols, sm);
  blas::gemv(o.transposed ? CblasTrans : CblasNoTrans, o.transposed ? c : r, o.transposed ? r : c,
             alpha, m, static_cast<int>(o.ld), x, static_cast<int>(incx), y,
             static_cast<int>(incy));
}

#endif  // RICCI_HAVE_CBLAS

// y = alpha * M x (rows x cols, any strides, y overwritten; see builtin_gemv), by CBLAS when
// it is available, `blas_allowed` and reads the operands in place (BLAS threads itself), else
// by the built-in kernel on up to `threads` threads.
template <class T>
void matrix_vector(int64_t rows, int64_t cols, T alpha, const T* m, MatrixStrides sm,
                   const T* x, int64_t incx, T* y, int64_t incy, bool blas_allowed,
                   int threads) {
  // Strides of extent-1 axes are never stepped along; 1 keeps BLAS's checks happy.
  if (cols == 1) sm.col = incx = 1;
  if (rows == 1) sm.row = incy = 1;
  const int64_t volume = rows * cols;
#ifdef RICCI_HAVE_CBLAS
  if (blas_allowed && blas_takes(rows, cols, sm, incx, incy)) {
    blas_gemv(rows, cols, alpha, m, sm, x, incx, y, incy);
    return;
  }
#else
  static_cast<void>(blas_allowed);
#endif
  builtin_gemv(rows, cols, alpha, m, sm, x, incx, y, incy,
               volume >= threads_min_volume ? threads : 1);
}

}  // namespace ricci::gemv_detail

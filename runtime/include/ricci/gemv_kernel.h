// The built-in matrix-vector and dot products: plain loops with many independent partial
// sums, which the compiler vectorizes, for any strides.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "ricci/gemm_kernel.h"

namespace ricci {

namespace gemv_detail {

// A stride known at compile time to be 1: the instantiation of a loop with it reads
// contiguous memory, which the compiler vectorizes; any other stride is an int64_t.
using Unit = std::integral_constant<int64_t, 1>;

// Partial sums per dot product: four 64-byte vectors, so consecutive multiply-adds do not
// wait on one another. A fixed-size array indexed by a fixed-bound loop is what g++ and
// clang turn into vector registers (as in gemm_kernel.h's micro-kernel).
template <class T>
inline constexpr int kLanes = static_cast<int>(128 / sizeof(T));

// Rows of y accumulated at once by the column form: 16 KiB, so the partial sums stay in L1
// while every column streams past them.
template <class T>
inline constexpr int64_t kRowBlock = static_cast<int64_t>(16384 / sizeof(T));

// sum_p x[p * incx] * y[p * incy]
template <class T, class IncX, class IncY>
T dot(int64_t n, const T* x, IncX incx, const T* y, IncY incy) {
  constexpr int lanes = kLanes<T>;
  T acc[lanes] = {};
  int64_t p = 0;
  for (; p + lanes <= n; p += lanes) {
    const T* xp = x + p * incx;
    const T* yp = y + p * incy;
    for (int l = 0; l < lanes; ++l) acc[l] += xp[l * incx] * yp[l * incy];
  }
  for (int l = 0; p < n; ++p, ++l) acc[l] += x[p * incx] * y[p * incy];
  // Halving the partial sums pairwise keeps the reduction in vector adds too.
  for (int width = lanes / 2; width > 0; width /= 2)
    for (int l = 0; l < width; ++l) acc[l] += acc[l + width];
  return acc[0];
}

template <class T>
T any_dot(int64_t n, const T* x, int64_t incx, const T* y, int64_t incy) {
  if (incx == 1 && incy == 1) return dot(n, x, Unit{}, y, Unit{});
  return dot(n, x, incx, y, incy);
}

// Rows [i0, i1) of y = alpha * M x, each as the dot product of a row of M with a contiguous
// x: the form for an M whose columns are closer together than its rows.
template <class T, class ColStride>
void dot_form(int64_t i0, int64_t i1, int64_t cols, T alpha, const T* m, int64_t row_stride,
              ColStride col_stride, const T* x, T* y, int64_t incy) {
  for (int64_t i = i0; i < i1; ++i)
    y[i * incy] = alpha * dot(cols, m + i * row_stride, col_stride, x, Unit{});
}

// Rows [i0, i1) of y = alpha * M x as a sum of M's columns scaled by x, four columns a pass
// over a block of partial sums: the form for an M whose rows are closer together than its
// columns. `acc` holds kRowBlock elements.
template <class T, class RowStride>
void column_form(int64_t i0, int64_t i1, int64_t cols, T alpha, const T* m, RowStride row_stride,
                 int64_t col_stride, const T* x, T* y, int64_t incy, T* __restrict acc) {
  for (int64_t b0 = i0; b0 < i1; b0 += kRowBlock<T>) {
    const int64_t h = std::min(kRowBlock<T>, i1 - b0);
    const T* block = m + b0 * row_stride;
    std::fill(acc, acc + h, T(0));
    int64_t p = 0;
    for (; p + 4 <= cols; p += 4) {
      const T* c0 = block + p * col_stride;
      const T* c1 = c0 + col_stride;
      const T* c2 = c1 + col_stride;
      const T* c3 = c2 + col_stride;
      const T x0 = x[p], x1 = x[p + 1], x2 = x[p + 2], x3 = x[p + 3];
      for (int64_t i = 0; i < h; ++i)
        acc[i] += c0[i * row_stride] * x0 + c1[i * row_stride] * x1 + c2[i * row_stride] * x2 +
                  c3[i * row_stride] * x3;
    }
    for (; p < cols; ++p) {
      const T* c0 = block + p * col_stride;
      const T x0 = x[p];
      for (int64_t i = 0; i < h; ++i) acc[i] += c0[i * row_stride] * x0;
    }
    T* out = y + b0 * incy;
    for (int64_t i = 0; i < h; ++i) out[i * incy] = alpha * acc[i];
  }
}

// Rows [i0, i1) of y = alpha * M x, x contiguous, in the form and instantiation that reads
// M along its smaller stride.
template <class T>
void gemv_rows(int64_t i0, int64_t i1, int64_t cols, T alpha, const T* m, MatrixStrides sm,
               const T* x, T* y, int64_t incy) {
  if (sm.col <= sm.row) {
    if (sm.col == 1)
      dot_form(i0, i1, cols, alpha, m, sm.row, Unit{}, x, y, incy);
    else
      dot_form(i0, i1, cols, alpha, m, sm.row, sm.col, x, y, incy);
    return;
  }
  T* acc = gemm_detail::thread_scratch<T>(gemm_detail::ScratchSlot::vector_y,
                                          static_cast<std::size_t>(kRowBlock<T>));
  if (sm.row == 1)
    column_form(i0, i1, cols, alpha, m, Unit{}, sm.col, x, y, incy, acc);
  else
    column_form(i0, i1, cols, alpha, m, sm.row, sm.col, x, y, incy, acc);
}

}  // namespace gemv_detail

// y = alpha * sum_p x[p] M[i, p] for a rows x cols matrix M with any strides >= 0, x of
// cols elements at stride incx >= 0 and y of rows elements at stride incy (y's elements must
// not overlap, nor alias M or x). y is overwritten; cols == 0 writes zeros. `threads` > 1
// splits the rows over that many OpenMP threads (ignored without OpenMP). Steady state
// allocates nothing: a strided x is copied to per-thread scratch.
template <class T>
void builtin_gemv(int64_t rows, int64_t cols, T alpha, const T* m, MatrixStrides sm, const T* x,
                  int64_t incx, T* y, int64_t incy, int threads = 1) {
  using namespace gemv_detail;
  if (rows <= 0) return;
  if (cols <= 0) {
    for (int64_t i = 0; i < rows; ++i) y[i * incy] = T(0);
    return;
  }
  // The stride of an axis of extent 1 is never used to step; 1 picks the contiguous loops.
  if (cols == 1) sm.col = 1;
  if (rows == 1) {
    y[0] = alpha * any_dot(cols, m, sm.col, x, cols == 1 ? 1 : incx);
    return;
  }
  if (incx != 1 && cols > 1) {
    T* packed = gemm_detail::thread_scratch<T>(gemm_detail::ScratchSlot::vector_x,
                                               static_cast<std::size_t>(cols));
    for (int64_t p = 0; p < cols; ++p) packed[p] = x[p * incx];
    x = packed;
  }
  const int team = static_cast<int>(std::min<int64_t>(std::max(threads, 1), rows));
  if (team == 1) {
    gemv_rows(0, rows, cols, alpha, m, sm, x, y, incy);
    return;
  }
#ifdef _OPENMP
#pragma omp parallel for num_threads(team) schedule(static)
#endif
  for (int part = 0; part < team; ++part)
    gemv_rows(rows * part / team, rows * (part + 1) / team, cols, alpha, m, sm, x, y, incy);
}

}  // namespace ricci

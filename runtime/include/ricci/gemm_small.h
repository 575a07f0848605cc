// Small matrix products (C at most 8 columns wide, a short k), such as the many tiny products
// of a batched contraction: rows of C are held in one SIMD vector each. For 8192 8 x 8 x 8
// products (f32, one Zen 5 core) this took 211 us against OpenBLAS 0.3.21's 378 us with both
// operands row-major and 685 to 763 us with one transposed, and the 6 x 32 tile of the
// built-in kernel 3.9 ms.
#pragma once

#include <cstdint>
#include <cstring>

#include "ricci/gemm_kernel.h"

namespace ricci::gemm_detail {

// Widest C row and longest k the small kernel takes, and the most multiply-adds: past
// 2048 (64 x 8 x 8, 32 x 8 x 32) OpenBLAS's kernels for row-major operands are faster.
inline constexpr int64_t small_max_n = 8;
inline constexpr int64_t small_max_k = 32;
inline constexpr int64_t small_max_volume = 2048;

// GNU vector extensions (g++ and clang) give the kernel vectors of a fixed width whatever the
// target: the compiler's own vectorizer unrolls loops this short across rows instead, which
// ran 3 to 10 times slower. Other compilers leave these products to the other kernels.
#if defined(__GNUC__)
#define RICCI_HAVE_SMALL_GEMM 1

// Whether the small kernel takes an m x k times k x n product, with C's rows n wide.
inline bool small_takes(int64_t m, int64_t n, int64_t k) {
  return n >= 1 && n <= small_max_n && k >= 0 && k <= small_max_k && m * n * k <= small_max_volume;
}

template <class T, int W>
using SmallVector [[gnu::vector_size(W * sizeof(T))]] = T;

// Rows [i0, i0 + R) of C = alpha * A * B, where B's rows are W wide (zero past n) and
// b_row apart; R rows at once keep R independent sums in flight.
template <class T, int W, int R>
void small_rows(int64_t i0, int64_t n, int64_t k, T alpha, const T* a, MatrixStrides sa,
                const T* b, int64_t b_row, T* c, MatrixStrides sc) {
  using V = SmallVector<T, W>;
  V acc[R] = {};
  for (int64_t q = 0; q < k; ++q) {
    V bq;
    std::memcpy(&bq, b + q * b_row, sizeof bq);
    for (int r = 0; r < R; ++r) acc[r] += a[(i0 + r) * sa.row + q * sa.col] * bq;
  }
  for (int r = 0; r < R; ++r) {
    T* row = c + (i0 + r) * sc.row;
    const V out = alpha * acc[r];
    if (sc.col == 1 && n == W) {
      std::memcpy(row, &out, sizeof out);
    } else {
      for (int64_t j = 0; j < n; ++j) row[j * sc.col] = out[j];
    }
  }
}

template <class T, int W>
void small_gemm_width(int64_t m, int64_t n, int64_t k, T alpha, const T* a, MatrixStrides sa,
                      const T* b, MatrixStrides sb, T* c, MatrixStrides sc) {
  // B is read once per row of C: copied once into rows of exactly W, unless it has them.
  alignas(alignment) T packed[small_max_k * W];
  int64_t b_row = sb.row;
  if (sb.col != 1 || n != W) {
    for (int64_t q = 0; q < k; ++q) {
      for (int64_t j = 0; j < n; ++j) packed[q * W + j] = b[q * sb.row + j * sb.col];
      for (int64_t j = n; j < W; ++j) packed[q * W + j] = T(0);
    }
    b = packed;
    b_row = W;
  }
  const int64_t whole = m - m % 4;
  for (int64_t i = 0; i < whole; i += 4) small_rows<T, W, 4>(i, n, k, alpha, a, sa, b, b_row, c, sc);
  switch (m % 4) {
    case 3:
      small_rows<T, W, 3>(whole, n, k, alpha, a, sa, b, b_row, c, sc);
      break;
    case 2:
      small_rows<T, W, 2>(whole, n, k, alpha, a, sa, b, b_row, c, sc);
      break;
    case 1:
      small_rows<T, W, 1>(whole, n, k, alpha, a, sa, b, b_row, c, sc);
      break;
    default:
      break;
  }
}

// C = alpha * A * B (C overwritten; k == 0 writes zeros) for 1 <= n <= small_max_n and
// 0 <= k <= small_max_k, any strides.
template <class T>
void small_gemm(int64_t m, int64_t n, int64_t k, T alpha, const T* a, MatrixStrides sa,
                const T* b, MatrixStrides sb, T* c, MatrixStrides sc) {
  if (n <= 4) {
    small_gemm_width<T, 4>(m, n, k, alpha, a, sa, b, sb, c, sc);
  } else {
    small_gemm_width<T, 8>(m, n, k, alpha, a, sa, b, sb, c, sc);
  }
}
#endif

}  // namespace ricci::gemm_detail

// GEMM for generated code: one batched, strided matrix product, sent to CBLAS or to the
// built-in kernel.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "ricci/blas.h"
#include "ricci/error.h"
#include "ricci/gemm_kernel.h"
#include "ricci/gemm_small.h"
#include "ricci/gemv.h"
#include "ricci/parallel.h"

namespace ricci {

inline constexpr int kMaxBatchRank = 8;

// One (batched, strided) matrix product C = alpha * A * B (beta = 0: C is overwritten) on
// dense arrays described by element strides; any stride may be any value >= 0.
struct GemmShape {
  int64_t m = 1, n = 1, k = 1;
  int64_t a_m = 0, a_k = 0;  // strides of A along m and k
  int64_t b_k = 0, b_n = 0;  // strides of B along k and n
  int64_t c_m = 0, c_n = 0;  // strides of C along m and n
  int batch_rank = 0;        // up to kMaxBatchRank batch dimensions, looped over
  int64_t batch[kMaxBatchRank] = {};  // extents
  int64_t a_batch[kMaxBatchRank] = {}, b_batch[kMaxBatchRank] = {},
          c_batch[kMaxBatchRank] = {};  // strides
};

namespace gemm_detail {

// From this many multiply-adds (m * n * k) on, a product goes to BLAS: OpenBLAS 0.3.21's
// small-matrix kernels beat the built-in one (whose 6 x 32 tile is mostly padding there)
// from 8 x 8 x 8 on, by 2x to 4x up to 48 x 48 x 48.
inline constexpr int64_t blas_min_volume = int64_t{8} * 8 * 8;
// From this many multiply-adds on, one product is threaded inside itself (by BLAS or by the
// built-in kernel's row blocks); a batch of smaller ones is threaded across the batch.
inline constexpr int64_t large_volume = int64_t{128} * 128 * 128;
// Below this many multiply-adds in all, a batch is not worth a parallel region.
inline constexpr int64_t batch_threads_min_volume = int64_t{32} * 32 * 32;

// One unbatched product C = alpha * A * B (m x k times k x n).
template <class T>
struct Product {
  int64_t m, n, k;
  T alpha;
  const T* a;
  MatrixStrides sa;
  const T* b;
  MatrixStrides sb;
  T* c;
  MatrixStrides sc;

  // C^T = B^T * A^T: the same product with the roles of rows and columns exchanged.
  Product transposed() const {
    return {n, m, k, alpha, b, {sb.col, sb.row}, a, {sa.col, sa.row}, c, {sc.col, sc.row}};
  }
};

inline int64_t volume(int64_t m, int64_t n, int64_t k) { return m * n * k; }

// Element offsets of batch number `linear` (row-major over the batch extents) in A, B and C.
struct BatchOffsets {
  int64_t a = 0, b = 0, c = 0;
};

inline BatchOffsets batch_offsets(const GemmShape& s, int64_t linear) {
  BatchOffsets o;
  for (int d = s.batch_rank - 1; d >= 0; --d) {
    const int64_t i = linear % s.batch[d];
    linear /= s.batch[d];
    o.a += i * s.a_batch[d];
    o.b += i * s.b_batch[d];
    o.c += i * s.c_batch[d];
  }
  return o;
}

#ifdef RICCI_HAVE_CBLAS

// A row-major contiguous copy of a strided matrix, in the calling thread's scratch.
template <class T>
const T* pack_row_major(int64_t rows, int64_t cols, const T* src, MatrixStrides s,
                        ScratchSlot slot) {
  T* dst = thread_scratch<T>(slot, static_cast<std::size_t>(rows * cols));
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j) dst[i * cols + j] = src[i * s.row + j * s.col];
  return dst;
}

// The product through CBLAS, packing whichever operand BLAS cannot read in place. Returns
// false, with C untouched, when a matrix has more elements than CBLAS's int counts.
template <class T>
bool blas_product(Product<T> p) {
  using blas::fits_int;
  if (!fits_int(p.m * p.k) || !fits_int(p.k * p.n) || !fits_int(p.m * p.n)) return false;
  // CBLAS writes C row-major; a C that is only column-contiguous is C^T row-major, and any
  // other C is computed in scratch and scattered.
  blas::Operand oc = blas::operand(p.m, p.n, p.sc);
  if (!oc.fits || oc.transposed) {
    const Product<T> t = p.transposed();
    const blas::Operand ct = blas::operand(t.m, t.n, t.sc);
    if (ct.fits && !ct.transposed) {
      p = t;
      oc = ct;
    }
  }
  const bool c_direct = oc.fits && !oc.transposed;
  blas::Operand oa = blas::operand(p.m, p.k, p.sa);
  blas::Operand ob = blas::operand(p.k, p.n, p.sb);
  if (!oa.fits) {
    p.a = pack_row_major(p.m, p.k, p.a, p.sa, ScratchSlot::operand_a);
    oa = {true, false, p.k};
  }
  if (!ob.fits) {
    p.b = pack_row_major(p.k, p.n, p.b, p.sb, ScratchSlot::operand_b);
    ob = {true, false, p.n};
  }
  T* out = c_direct ? p.c
                    : thread_scratch<T>(ScratchSlot::result, static_cast<std::size_t>(p.m * p.n));
  const int64_t ldc = c_direct ? oc.ld : p.n;
  blas::gemm(oa.transposed ? CblasTrans : CblasNoTrans, ob.transposed ? CblasTrans : CblasNoTrans,
             static_cast<int>(p.m), static_cast<int>(p.n), static_cast<int>(p.k), p.alpha, p.a,
             static_cast<int>(oa.ld), p.b, static_cast<int>(ob.ld), out, static_cast<int>(ldc));
  if (!c_direct) {
    for (int64_t i = 0; i < p.m; ++i)
      for (int64_t j = 0; j < p.n; ++j) p.c[i * p.sc.row + j * p.sc.col] = out[i * p.n + j];
  }
  return true;
}

#endif  // RICCI_HAVE_CBLAS

#ifdef RICCI_HAVE_SMALL_GEMM
// How the small kernel takes p: not at all, as it is, or transposed (when only the transpose
// fits, or when only it stores C's rows contiguously). Matrix-vector products stay with ?gemm
// or the built-in gemv: a C one column wide fills a quarter of the kernel's vectors, and y = A x
// at 32 x 32 took 350 ns there against 230 ns in either.
enum class SmallFit { none, direct, transposed };

template <class T>
SmallFit small_fit(const Product<T>& p) {
  if (p.m == 1 || p.n == 1) return SmallFit::none;
  const bool direct = small_takes(p.m, p.n, p.k);
  const bool flipped = small_takes(p.n, p.m, p.k);
  if (!direct && !flipped) return SmallFit::none;
  const bool rows_contiguous = p.sc.col == 1 || p.sc.row != 1;
  return direct && (rows_contiguous || !flipped) ? SmallFit::direct : SmallFit::transposed;
}

// Runs p on the small kernel if small_fit takes it, and says whether it did. (Choosing the
// orientation by returning the Product itself, in a std::optional, made batches of 8x8x8 f32
// products 1.6 times slower with g++ 12.)
template <class T>
bool small_product(const Product<T>& p) {
  const SmallFit fit = small_fit(p);
  if (fit == SmallFit::none) return false;
  const Product<T> q = fit == SmallFit::direct ? p : p.transposed();
  small_gemm(q.m, q.n, q.k, q.alpha, q.a, q.sa, q.b, q.sb, q.c, q.sc);
  return true;
}
#endif

// One product: by gemv.h's routines when it has one row or one column of C and they take it
// (gemv_detail::takes), else by the small kernel when it takes it (gemm_small.h), else by
// CBLAS when it is available, allowed here and worth it, else by the built-in kernel on up to
// `threads` threads.
template <class T>
void product(const Product<T>& p, bool blas_allowed, int threads) {
  if ((p.m == 1 || p.n == 1) && p.k > 0 && gemv_detail::takes(volume(p.m, p.n, p.k), blas_allowed)) {
    // One column of C: y = A x. One row (checked first, so a dot keeps its operand order): the
    // transposed product's column, y = B^T x.
    const Product<T> q = p.m == 1 ? p.transposed() : p;
    gemv_detail::matrix_vector(q.m, q.k, q.alpha, q.a, q.sa, q.b, q.sb.row, q.c, q.sc.row, blas_allowed, threads);
    return;
  }
#ifdef RICCI_HAVE_SMALL_GEMM
  if (small_product(p)) return;
#endif
#ifdef RICCI_HAVE_CBLAS
  if (blas_allowed && volume(p.m, p.n, p.k) >= blas_min_volume && blas_product(p)) return;
#else
  static_cast<void>(blas_allowed);
#endif
  const int team = volume(p.m, p.n, p.k) >= large_volume ? threads : 1;
  builtin_gemm(p.m, p.n, p.k, p.alpha, p.a, p.sa, p.b, p.sb, p.c, p.sc, team);
}

// Whether the products of a batch run about as fast on the threads of a team (the small or
// the built-in kernel, or the built-in gemv) as on one thread with CBLAS, so that threading
// the batch pays. Products that CBLAS takes do not: the built-in kernel runs them 2 (48^3) to
// 7 (16^3) times slower than OpenBLAS 0.3.21, and 64^3 and 96^3 batches of f32 products took
// 1.2 to 2 times longer on two threads of it than on one of OpenBLAS (Zen 5).
template <class T>
bool batch_kernel_keeps_up(const Product<T>& p) {
#ifdef RICCI_HAVE_CBLAS
#ifdef RICCI_HAVE_SMALL_GEMM
  if (small_fit(p) != SmallFit::none) return true;
#endif
  return p.m == 1 || p.n == 1 || volume(p.m, p.n, p.k) < blas_min_volume;
#else
  static_cast<void>(p);
  return true;
#endif
}

}  // namespace gemm_detail

// C = alpha * A * B for every batch multi-index, as GemmShape describes. C is overwritten
// (k == 0 writes zeros; m == 0 or n == 0 writes nothing). C must not alias A or B, and no
// two elements of C may share an address, within a batch or across batches.
//
// Products of at most 2048 multiply-adds with k <= 32 and C at most 8 columns (or 8 rows)
// wide, but more than one of each, run on the small kernel (gemm_small.h), on the calling
// thread. Inside an OpenMP parallel region everything else runs on the calling thread with the
// built-in kernel (never a threaded BLAS inside a team). Otherwise each product from
// blas_min_volume multiply-adds on goes to CBLAS when built with RICCI_HAVE_CBLAS (BLAS threads
// itself), and a batch of products below large_volume is spread over num_threads() OpenMP
// threads, each product on one thread with the small or the built-in kernel, unless CBLAS
// would be much faster for them (batch_kernel_keeps_up). A product with m == 1 or n == 1 is a
// matrix-vector product (a dot product when both are 1), computed as one: ?gemv or ?dot, or
// the built-in gemv (gemv.h).
template <class T>
void gemm(const GemmShape& s, T alpha, const T* a, const T* b, T* c) {
  using namespace gemm_detail;
  if (s.batch_rank < 0 || s.batch_rank > kMaxBatchRank)
    throw Error("gemm: batch rank " + std::to_string(s.batch_rank) + " is outside [0, " +
                std::to_string(kMaxBatchRank) + "]");
  if (s.m <= 0 || s.n <= 0) return;
  int64_t count = 1;
  for (int d = 0; d < s.batch_rank; ++d) count *= s.batch[d] > 0 ? s.batch[d] : 0;
  if (count == 0) return;
  const int64_t k = s.k > 0 ? s.k : 0;
  const Product<T> first{s.m, s.n, k, alpha, a, {s.a_m, s.a_k},
                         b, {s.b_k, s.b_n}, c, {s.c_m, s.c_n}};
  const auto at = [&first, &s](int64_t linear) {
    const BatchOffsets o = batch_offsets(s, linear);
    Product<T> p = first;
    // With k == 0, A and B are empty (possibly null) and never read.
    if (first.k > 0) {
      p.a += o.a;
      p.b += o.b;
    }
    p.c += o.c;
    return p;
  };
  const bool nested = in_parallel_region();
  const int threads = nested ? 1 : num_threads();
  const int64_t each = volume(s.m, s.n, k);
  if (threads > 1 && count > 1 && each < large_volume && count * each >= batch_threads_min_volume &&
      batch_kernel_keeps_up(first)) {
    const int team = static_cast<int>(std::min<int64_t>(threads, count));
    static_cast<void>(team);  // read only by the OpenMP pragma
#ifdef _OPENMP
#pragma omp parallel for num_threads(team) schedule(static)
#endif
    for (int64_t linear = 0; linear < count; ++linear) product(at(linear), false, 1);
    return;
  }
  for (int64_t linear = 0; linear < count; ++linear) product(at(linear), !nested, threads);
}

}  // namespace ricci

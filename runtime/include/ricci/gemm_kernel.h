// The built-in GEMM: packed panels and a register-blocked micro-kernel, for any strides.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "ricci/memory.h"

namespace ricci {

// Where element (i, j) of a matrix lives: data[i * row + j * col]. Any stride >= 0.
struct MatrixStrides {
  int64_t row = 0;
  int64_t col = 0;
};

namespace gemm_detail {

// An aligned buffer that only grows (geometrically), so a thread that repeats the same
// products reaches a size it never leaves and then allocates nothing.
class ScratchBuffer {
 public:
  ScratchBuffer() noexcept = default;
  ScratchBuffer(const ScratchBuffer&) = delete;
  ScratchBuffer& operator=(const ScratchBuffer&) = delete;
  ~ScratchBuffer() { free_aligned(data_); }

  template <class T>
  T* get(std::size_t count) {
    const std::size_t bytes = count * sizeof(T);
    if (bytes > capacity_) {
      const std::size_t grown = round_up_to_alignment(std::max(bytes, 2 * capacity_));
      void* fresh = allocate_aligned(grown);
      free_aligned(data_);
      data_ = fresh;
      capacity_ = grown;
    }
    return static_cast<T*>(data_);
  }

 private:
  void* data_ = nullptr;
  std::size_t capacity_ = 0;
};

// The calling thread's buffers; each use in one product takes its own slot (vector_x and
// vector_y are the matrix-vector product's, in gemv_kernel.h).
enum class ScratchSlot { packed_a, packed_b, operand_a, operand_b, result, vector_x, vector_y,
                         count };

template <class T>
T* thread_scratch(ScratchSlot slot, std::size_t count) {
  thread_local ScratchBuffer buffers[static_cast<int>(ScratchSlot::count)];
  return buffers[static_cast<int>(slot)].get<T>(count);
}

// Register tile mr x nr (C's rows x columns held in registers) and cache blocks: a kc x nr
// panel of B with an mr x kc panel of A stays in L1, an mc x kc block of A in L2, and a
// kc x nc block of B in L3. nr spans whole SIMD registers along C's rows, and is large
// enough that the compiler vectorizes the j loop of micro_kernel rather than unrolling it
// and vectorizing across i (g++ 12 does that with nr = 16 doubles, at 1/30 of the speed).
template <class T>
struct Blocking;

template <>
struct Blocking<double> {
  static constexpr int mr = 6, nr = 32;
  static constexpr int64_t kc = 256, mc = 120, nc = 2048;
};

template <>
struct Blocking<float> {
  static constexpr int mr = 6, nr = 32;
  static constexpr int64_t kc = 256, mc = 120, nc = 4096;
};

// acc = A_panel * B_panel over kc steps; A_panel is kc columns of mr values, B_panel kc rows
// of nr values. The accumulator is a local array with fixed bounds, so the compiler keeps
// it in registers and vectorizes the j loop.
template <class T>
inline void micro_kernel(int64_t kc, const T* __restrict ap, const T* __restrict bp,
                         T* __restrict tile) {
  constexpr int mr = Blocking<T>::mr, nr = Blocking<T>::nr;
  T acc[mr][nr] = {};
  for (int64_t p = 0; p < kc; ++p) {
    for (int i = 0; i < mr; ++i) {
      const T a = ap[p * mr + i];
      for (int j = 0; j < nr; ++j) acc[i][j] += a * bp[p * nr + j];
    }
  }
  for (int i = 0; i < mr; ++i)
    for (int j = 0; j < nr; ++j) tile[i * nr + j] = acc[i][j];
}

// Copies rows [0, rows) x columns [0, depth) of A into panels of mr rows, column by column,
// padding the last panel with zeros.
template <class T>
void pack_a(int64_t rows, int64_t depth, const T* a, MatrixStrides sa, T* out) {
  constexpr int mr = Blocking<T>::mr;
  for (int64_t i0 = 0; i0 < rows; i0 += mr) {
    const int64_t h = std::min<int64_t>(mr, rows - i0);
    for (int64_t p = 0; p < depth; ++p) {
      const T* col = a + i0 * sa.row + p * sa.col;
      for (int64_t i = 0; i < h; ++i) out[i] = col[i * sa.row];
      for (int64_t i = h; i < mr; ++i) out[i] = T(0);
      out += mr;
    }
  }
}

// Copies rows [0, depth) x columns [0, cols) of B into panels of nr columns, row by row,
// padding the last panel with zeros.
template <class T>
void pack_b(int64_t depth, int64_t cols, const T* b, MatrixStrides sb, T* out) {
  constexpr int nr = Blocking<T>::nr;
  for (int64_t j0 = 0; j0 < cols; j0 += nr) {
    const int64_t w = std::min<int64_t>(nr, cols - j0);
    for (int64_t p = 0; p < depth; ++p) {
      const T* row = b + p * sb.row + j0 * sb.col;
      if (sb.col == 1) {
        for (int64_t j = 0; j < w; ++j) out[j] = row[j];
      } else {
        for (int64_t j = 0; j < w; ++j) out[j] = row[j * sb.col];
      }
      for (int64_t j = w; j < nr; ++j) out[j] = T(0);
      out += nr;
    }
  }
}

// C block (rows x cols) = alpha * tile (first depth block) or += it (later ones).
template <class T>
void store_tile(const T* tile, int64_t rows, int64_t cols, T alpha, bool overwrite, T* c,
                MatrixStrides sc) {
  constexpr int nr = Blocking<T>::nr;
  for (int64_t i = 0; i < rows; ++i) {
    T* out = c + i * sc.row;
    const T* in = tile + i * nr;
    if (overwrite) {
      for (int64_t j = 0; j < cols; ++j) out[j * sc.col] = alpha * in[j];
    } else {
      for (int64_t j = 0; j < cols; ++j) out[j * sc.col] += alpha * in[j];
    }
  }
}

// One mc x kc block of A (packed) times one kc x nc block of B (packed) into C.
template <class T>
void macro_kernel(int64_t rows, int64_t cols, int64_t depth, T alpha, const T* ap, const T* bp,
                  bool overwrite, T* c, MatrixStrides sc) {
  constexpr int mr = Blocking<T>::mr, nr = Blocking<T>::nr;
  alignas(alignment) T tile[mr * nr];
  for (int64_t j0 = 0; j0 < cols; j0 += nr) {
    const int64_t w = std::min<int64_t>(nr, cols - j0);
    for (int64_t i0 = 0; i0 < rows; i0 += mr) {
      const int64_t h = std::min<int64_t>(mr, rows - i0);
      micro_kernel(depth, ap + i0 * depth, bp + j0 * depth, tile);
      store_tile(tile, h, w, alpha, overwrite, c + i0 * sc.row + j0 * sc.col, sc);
    }
  }
}

}  // namespace gemm_detail

// C = alpha * A * B for an m x k matrix A, k x n matrix B and m x n matrix C with any strides
// (C's elements must not overlap, nor alias A or B). C is overwritten; k == 0 writes zeros.
// `threads` > 1 splits the rows of C over that many OpenMP threads (ignored without
// OpenMP); the caller decides, so a product inside a parallel region passes 1.
// Steady state allocates nothing: the packed panels live in per-thread scratch.
template <class T>
void builtin_gemm(int64_t m, int64_t n, int64_t k, T alpha, const T* a, MatrixStrides sa,
                  const T* b, MatrixStrides sb, T* c, MatrixStrides sc, int threads = 1) {
  using namespace gemm_detail;
  using B = Blocking<T>;
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) c[i * sc.row + j * sc.col] = T(0);
    return;
  }
  const int64_t kc_max = std::min(k, B::kc);
  const int64_t nc_max = std::min(n, B::nc);
  const int64_t mc_max = std::min(m, B::mc);
  const int64_t nc_padded = (nc_max + B::nr - 1) / B::nr * B::nr;
  const int64_t mc_padded = (mc_max + B::mr - 1) / B::mr * B::mr;
  T* bp = thread_scratch<T>(ScratchSlot::packed_b, static_cast<std::size_t>(kc_max * nc_padded));
  const int64_t row_blocks = (m + B::mc - 1) / B::mc;
  const int team = static_cast<int>(std::min<int64_t>(std::max(threads, 1), row_blocks));
  static_cast<void>(team);  // read only by the OpenMP pragma
  for (int64_t jc = 0; jc < n; jc += B::nc) {
    const int64_t nc = std::min(B::nc, n - jc);
    for (int64_t pc = 0; pc < k; pc += B::kc) {
      const int64_t kc = std::min(B::kc, k - pc);
      pack_b(kc, nc, b + pc * sb.row + jc * sb.col, sb, bp);
#ifdef _OPENMP
#pragma omp parallel for num_threads(team) schedule(static) if (team > 1)
#endif
      for (int64_t block = 0; block < row_blocks; ++block) {
        const int64_t ic = block * B::mc;
        const int64_t mc = std::min(B::mc, m - ic);
        T* ap = thread_scratch<T>(ScratchSlot::packed_a,
                                  static_cast<std::size_t>(mc_padded * kc_max));
        pack_a(mc, kc, a + ic * sa.row + pc * sa.col, sa, ap);
        macro_kernel(mc, nc, kc, alpha, ap, bp, pc == 0, c + ic * sc.row + jc * sc.col, sc);
      }
    }
  }
}

}  // namespace ricci

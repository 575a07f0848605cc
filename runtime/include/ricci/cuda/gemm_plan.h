// How a product of row-major, strided matrices becomes one column-major BLAS call. Plain C++
// (no CUDA types), so the choice of transposes and leading dimensions is unit-tested anywhere.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

namespace ricci::cuda {

// A matrix inside a dense tensor: element (r, c) is at r * row_stride + c * col_stride.
// The generated code describes a GEMM's operands this way: rows and columns are groups of
// the tensor's axes, each stride the stride of its group's last axis.
struct MatrixLayout {
  int64_t rows = 0;
  int64_t cols = 0;
  int64_t row_stride = 0;
  int64_t col_stride = 0;
};

// The transpose of `x`, as a layout of the same memory.
inline MatrixLayout transposed(const MatrixLayout& x) { return {x.cols, x.rows, x.col_stride, x.row_stride}; }

// The leading dimension of `x` read as a column-major matrix (unit stride down a column),
// or nothing when its strides do not allow that. An axis of extent 0 or 1 takes any stride,
// and BLAS wants ld >= max(1, rows) even where ld is never used.
inline std::optional<int64_t> column_major_ld(const MatrixLayout& x) {
  const int64_t least = std::max<int64_t>(1, x.rows);
  if (x.rows == 0 || x.cols == 0) return least;
  if (x.rows > 1 && x.row_stride != 1) return std::nullopt;
  if (x.cols == 1) return least;
  if (x.col_stride < least) return std::nullopt;
  return x.col_stride;
}

// One operand of the column-major call: transposed or not, and its leading dimension.
struct BlasOperand {
  bool transpose = false;
  int64_t ld = 1;
};

// C = A * B as the column-major call `c = op(first) * op(second)` with c of m x n and inner
// size k. With `swapped`, the call computes C^T = B^T * A^T: `first` is B and `second` is A.
struct GemmPlan {
  bool swapped = false;
  int64_t m = 0, n = 0, k = 0;
  BlasOperand first, second;
  int64_t ldc = 1;
};

// `x` as the column-major operand op(x) of `rows` x `cols`: as stored, or as the transpose
// of what is stored.
inline std::optional<BlasOperand> as_operand(const MatrixLayout& x) {
  if (auto ld = column_major_ld(x)) return BlasOperand{false, *ld};
  if (auto ld = column_major_ld(transposed(x))) return BlasOperand{true, *ld};
  return std::nullopt;
}

// The call computing c = a * b (a: m x k, b: k x n, c: m x n), or nothing when no
// combination of transposes reaches all three layouts; the caller then runs a kernel.
inline std::optional<GemmPlan> plan_gemm(const MatrixLayout& a, const MatrixLayout& b, const MatrixLayout& c) {
  // Row-major results are the common case: C^T is column-major, so try the swap first.
  auto ldc_t = column_major_ld(transposed(c));
  auto bt = as_operand(transposed(b));
  auto at = as_operand(transposed(a));
  if (ldc_t && bt && at) return GemmPlan{true, c.cols, c.rows, a.cols, *bt, *at, *ldc_t};
  auto ldc = column_major_ld(c);
  auto an = as_operand(a);
  auto bn = as_operand(b);
  if (ldc && an && bn) return GemmPlan{false, c.rows, c.cols, a.cols, *an, *bn, *ldc};
  return std::nullopt;
}

}  // namespace ricci::cuda

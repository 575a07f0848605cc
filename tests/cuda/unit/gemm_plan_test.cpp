// plan_gemm against a reference: the planned column-major call, carried out on the host on
// the very memory of row-major, transposed, strided and degenerate layouts, must give A * B.
#include <doctest/doctest.h>
#include <ricci/cuda/gemm_plan.h>

#include <cstdint>
#include <vector>

namespace {

using ricci::cuda::BlasOperand;
using ricci::cuda::MatrixLayout;

// Element (r, c) of column-major op(x) as BLAS reads it.
double blas_read(const std::vector<double>& x, const BlasOperand& op, int64_t r, int64_t c) {
  return op.transpose ? x[static_cast<std::size_t>(c + r * op.ld)] : x[static_cast<std::size_t>(r + c * op.ld)];
}

// A matrix of `rows` x `cols` stored with the given strides in a buffer of `size` elements,
// element (r, c) holding a distinct value.
struct Stored {
  MatrixLayout layout;
  std::vector<double> data;
};

Stored store(int64_t rows, int64_t cols, int64_t row_stride, int64_t col_stride, int64_t size, double seed) {
  Stored s{{rows, cols, row_stride, col_stride}, std::vector<double>(static_cast<std::size_t>(size), -1e9)};
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      s.data[static_cast<std::size_t>(r * row_stride + c * col_stride)] = seed + static_cast<double>(r * 7 + c * 3) / 16;
  return s;
}

double at(const Stored& s, int64_t r, int64_t c) {
  return s.data[static_cast<std::size_t>(r * s.layout.row_stride + c * s.layout.col_stride)];
}

// Runs the plan on the host and checks every element of C against the row-major product.
void check_product(const Stored& a, const Stored& b, Stored c) {
  auto plan = ricci::cuda::plan_gemm(a.layout, b.layout, c.layout);
  REQUIRE(plan.has_value());
  const Stored& first = plan->swapped ? b : a;
  const Stored& second = plan->swapped ? a : b;
  CHECK(plan->first.ld >= 1);
  CHECK(plan->second.ld >= 1);
  CHECK(plan->ldc >= std::max<int64_t>(1, plan->m));
  for (int64_t i = 0; i < plan->m; ++i) {
    for (int64_t j = 0; j < plan->n; ++j) {
      double sum = 0;
      for (int64_t l = 0; l < plan->k; ++l)
        sum += blas_read(first.data, plan->first, i, l) * blas_read(second.data, plan->second, l, j);
      c.data[static_cast<std::size_t>(i + j * plan->ldc)] = sum;
    }
  }
  for (int64_t r = 0; r < c.layout.rows; ++r) {
    for (int64_t col = 0; col < c.layout.cols; ++col) {
      double want = 0;
      for (int64_t l = 0; l < a.layout.cols; ++l) want += at(a, r, l) * at(b, l, col);
      CHECK(at(c, r, col) == doctest::Approx(want));
    }
  }
}

}  // namespace

TEST_CASE("row-major matrices: C^T = B^T A^T without transposes") {
  Stored a = store(3, 4, 4, 1, 12, 1), b = store(4, 5, 5, 1, 20, 2), c = store(3, 5, 5, 1, 15, 0);
  auto plan = ricci::cuda::plan_gemm(a.layout, b.layout, c.layout);
  REQUIRE(plan.has_value());
  CHECK(plan->swapped);
  CHECK_FALSE(plan->first.transpose);
  CHECK_FALSE(plan->second.transpose);
  CHECK(plan->m == 5);
  CHECK(plan->n == 3);
  CHECK(plan->k == 4);
  check_product(a, b, c);
}

TEST_CASE("operands stored transposed, as B[k,n] read as B[n,k]") {
  // A is stored column-major (A[k, m] in memory), B too.
  check_product(store(3, 4, 1, 3, 12, 1), store(4, 5, 1, 4, 20, 2), store(3, 5, 5, 1, 15, 0));
}

TEST_CASE("a column-major result is computed without the swap") {
  check_product(store(3, 4, 4, 1, 12, 1), store(4, 5, 5, 1, 20, 2), store(3, 5, 1, 3, 15, 0));
}

TEST_CASE("strided matrices inside a larger tensor, as batch axes between the groups make them") {
  // A[m, b, k] with b = 2: the row stride is 2 * k.
  check_product(store(3, 4, 8, 1, 24, 1), store(4, 5, 10, 1, 40, 2), store(3, 5, 10, 1, 30, 0));
}

TEST_CASE("groups of extent 1 take any stride: matrix-vector and outer products") {
  // y[m] = A[m,k] x[k]: n is empty, so B is k x 1 and C is m x 1 with unit row stride.
  check_product(store(3, 4, 4, 1, 12, 1), store(4, 1, 1, 1, 4, 2), store(3, 1, 1, 1, 3, 0));
  // An outer product: k is empty.
  check_product(store(3, 1, 1, 1, 3, 1), store(1, 5, 5, 1, 5, 2), store(3, 5, 5, 1, 15, 0));
  // A dot product: m and n are empty.
  check_product(store(1, 4, 4, 1, 4, 1), store(4, 1, 1, 1, 4, 2), store(1, 1, 1, 1, 1, 0));
}

TEST_CASE("no unit stride in a matrix: no plan") {
  // A[m, k, b] with b last: neither group of A has stride 1.
  MatrixLayout a{3, 4, 8, 2}, b{4, 5, 5, 1}, c{3, 5, 5, 1};
  CHECK_FALSE(ricci::cuda::plan_gemm(a, b, c).has_value());
}

TEST_CASE("an empty inner dimension still plans, with valid leading dimensions") {
  auto plan = ricci::cuda::plan_gemm({3, 0, 0, 1}, {0, 5, 5, 1}, {3, 5, 5, 1});
  REQUIRE(plan.has_value());
  CHECK(plan->k == 0);
  CHECK(plan->first.ld >= 1);
  CHECK(plan->second.ld >= 1);
}

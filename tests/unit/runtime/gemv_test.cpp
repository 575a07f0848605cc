// The built-in matrix-vector product against a naive loop: both of its forms (dot products
// of rows, sums of columns) and their unit-stride and strided instantiations, strided and
// broadcast vectors, row blocks, threads, both element types; no heap use in steady state.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "random_data.h"
#include "ricci/gemv_kernel.h"

namespace ricci {
namespace test {
std::size_t heap_allocations();
}  // namespace test

namespace {

// A rows x cols matrix M, x and y, by their strides; spans follow from the extents.
struct GemvProblem {
  int64_t rows, cols;
  MatrixStrides sm;
  int64_t incx, incy;
};

int64_t span(int64_t extent0, int64_t stride0, int64_t extent1, int64_t stride1) {
  if (extent0 == 0 || extent1 == 0) return 0;
  return (extent0 - 1) * stride0 + (extent1 - 1) * stride1 + 1;
}

using test::random_data;

// builtin_gemv against a long double loop: the error within 1e-12 (double) or 1e-5 (float)
// of the sums of absolute terms (what rounding is proportional to; a broadcast x makes sums
// that cancel), normwise, and the elements of y's buffer between its strides left as they were.
template <class T>
void check_gemv(const GemvProblem& p, T alpha, int threads, std::mt19937& rng) {
  const std::vector<T> m = random_data<T>(span(p.rows, p.sm.row, p.cols, p.sm.col), rng);
  const std::vector<T> x = random_data<T>(span(1, 0, p.cols, p.incx), rng);
  const std::vector<T> y_before(static_cast<std::size_t>(span(1, 0, p.rows, p.incy)), T(777));
  std::vector<T> y = y_before;
  builtin_gemv<T>(p.rows, p.cols, alpha, m.data(), p.sm, x.data(), p.incx, y.data(), p.incy,
                  threads);

  INFO("rows=" << p.rows << " cols=" << p.cols << " strides (" << p.sm.row << ", " << p.sm.col
               << ") incx=" << p.incx << " incy=" << p.incy << " threads=" << threads);
  long double diff2 = 0, scale2 = 0;
  std::vector<bool> written(y.size(), false);
  for (int64_t i = 0; i < p.rows; ++i) {
    long double sum = 0, magnitude = 0;
    for (int64_t q = 0; q < p.cols; ++q) {
      const long double term =
          static_cast<long double>(m[static_cast<std::size_t>(i * p.sm.row + q * p.sm.col)]) *
          x[static_cast<std::size_t>(q * p.incx)];
      sum += term;
      magnitude += std::fabs(term);
    }
    const long double ref = alpha * sum;
    const std::size_t at = static_cast<std::size_t>(i * p.incy);
    written[at] = true;
    diff2 += (y[at] - ref) * (y[at] - ref);
    scale2 += alpha * alpha * magnitude * magnitude;
  }
  const double tolerance = sizeof(T) == 8 ? 1e-12 : 1e-5;
  if (scale2 == 0) {
    CHECK(diff2 == 0);
  } else {
    CHECK(static_cast<double>(std::sqrt(diff2 / scale2)) <= tolerance);
  }
  bool untouched = true;
  for (std::size_t i = 0; i < y.size(); ++i)
    if (!written[i] && y[i] != y_before[i]) untouched = false;
  CHECK(untouched);
}

// The layouts of a rows x cols matrix the kernel tells apart: row-major and column-major,
// dense or padded, neither stride 1 (either one the smaller), and a row repeated (stride 0).
std::vector<MatrixStrides> layouts(int64_t rows, int64_t cols) {
  return {{cols, 1},           {1, rows},           {cols + 3, 1},     {1, rows + 5},
          {2, 2 * rows + 1},   {3 * cols, 3},       {0, 1},            {0, 2}};
}

TEST_CASE_TEMPLATE("the built-in gemv matches the naive loop for any strides", T, double,
                   float) {
  std::mt19937 rng(21);
  for (int64_t rows : {1, 2, 7, 64, 65})
    for (int64_t cols : {0, 1, 3, 4, 5, 63, 64, 65, 200})
      for (const MatrixStrides& sm : layouts(rows, cols))
        for (int64_t incx : {1, 2, 0})
          for (int64_t incy : {1, 3}) check_gemv<T>({rows, cols, sm, incx, incy}, T(1.5), 1, rng);
}

TEST_CASE_TEMPLATE("the built-in gemv spans several row blocks, on one thread or more", T,
                   double, float) {
  std::mt19937 rng(22);
  const int64_t rows = 2 * gemv_detail::kRowBlock<T> + 37, cols = 45;
  for (int threads : {1, 3})
    for (const MatrixStrides& sm : layouts(rows, cols))
      for (int64_t incy : {1, 2}) check_gemv<T>({rows, cols, sm, 2, incy}, T(-0.5), threads, rng);
}

TEST_CASE_TEMPLATE("the built-in gemv: alpha == 0 gives zeros, more threads than rows", T,
                   double, float) {
  std::mt19937 rng(23);
  check_gemv<T>({40, 30, {30, 1}, 1, 1}, T(0), 1, rng);
  check_gemv<T>({40, 30, {1, 40}, 1, 1}, T(0), 1, rng);
  check_gemv<T>({2, 300, {300, 1}, 1, 1}, T(1), 8, rng);
}

TEST_CASE("the built-in gemv allocates nothing once its scratch has grown") {
  std::mt19937 rng(24);
  // A strided x (copied) and a strided y of a column-major M (partial sums in scratch).
  const int64_t rows = 3000, cols = 50;
  const std::vector<double> m = random_data<double>(rows * cols, rng);
  const std::vector<double> x = random_data<double>(2 * cols, rng);
  std::vector<double> y(static_cast<std::size_t>(2 * rows));
  const auto run = [&] {
    builtin_gemv<double>(rows, cols, 1.0, m.data(), {1, rows}, x.data(), 2, y.data(), 2, 2);
    builtin_gemv<double>(rows, cols, 1.0, m.data(), {cols, 1}, x.data(), 2, y.data(), 1, 2);
  };
  run();
  const std::size_t before = test::heap_allocations();
  run();
  run();
  CHECK(test::heap_allocations() == before);
}

}  // namespace
}  // namespace ricci

// ricci::gemm and the built-in kernel against a naive triple loop, over shapes, stride
// layouts, batch ranks 0..3, both element types, with and without threads, matrix-vector
// and dot products included; no heap use in steady state.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

#include "random_data.h"
#include "ricci/gemm.h"

namespace ricci {
namespace test {
std::size_t heap_allocations();
}  // namespace test

namespace {

// An operand of extents (batch..., rows, cols) stored with its axes nested in a shuffled
// order and gaps between them, so its strides mix unit, padded, transposed and
// batch-in-the-middle layouts.
struct Layout {
  std::vector<int64_t> extents;
  std::vector<int64_t> strides;
  int64_t span = 0;  // elements from the first to one past the last
};

// `order` lists axes from outermost to innermost; `gap` elements follow each axis's run.
Layout nest(const std::vector<int64_t>& extents, const std::vector<int>& order, int64_t gap) {
  Layout l{extents, std::vector<int64_t>(extents.size(), 0), 0};
  int64_t step = 1;
  for (auto axis = order.rbegin(); axis != order.rend(); ++axis) {
    l.strides[*axis] = step;
    step = step * extents[*axis] + gap;
  }
  int64_t last = 0;
  for (std::size_t d = 0; d < extents.size(); ++d) {
    if (extents[d] == 0) return l;
    last += (extents[d] - 1) * l.strides[d];
  }
  l.span = last + 1;
  return l;
}

Layout random_layout(const std::vector<int64_t>& extents, std::mt19937& rng) {
  std::vector<int> order(extents.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  return nest(extents, order, std::uniform_int_distribution<int>(0, 2)(rng) == 0 ? 3 : 0);
}

// Row-major (batch..., rows, cols) with no gaps.
Layout dense(const std::vector<int64_t>& extents) {
  std::vector<int> order(extents.size());
  std::iota(order.begin(), order.end(), 0);
  return nest(extents, order, 0);
}

// (batch..., rows, cols) with rows and cols swapped in memory: a transposed matrix.
Layout transposed(const std::vector<int64_t>& extents) {
  std::vector<int> order(extents.size());
  std::iota(order.begin(), order.end(), 0);
  std::swap(order[order.size() - 1], order[order.size() - 2]);
  return nest(extents, order, 0);
}

std::vector<int64_t> with_batch(const std::vector<int64_t>& batch, int64_t rows, int64_t cols) {
  std::vector<int64_t> e = batch;
  e.push_back(rows);
  e.push_back(cols);
  return e;
}

struct Problem {
  int64_t m, n, k;
  std::vector<int64_t> batch;
  Layout a, b, c;
};

GemmShape shape_of(const Problem& p) {
  GemmShape s;
  s.m = p.m;
  s.n = p.n;
  s.k = p.k;
  const std::size_t r = p.batch.size();
  s.a_m = p.a.strides[r];
  s.a_k = p.a.strides[r + 1];
  s.b_k = p.b.strides[r];
  s.b_n = p.b.strides[r + 1];
  s.c_m = p.c.strides[r];
  s.c_n = p.c.strides[r + 1];
  s.batch_rank = static_cast<int>(r);
  for (std::size_t d = 0; d < r; ++d) {
    s.batch[d] = p.batch[d];
    s.a_batch[d] = p.a.strides[d];
    s.b_batch[d] = p.b.strides[d];
    s.c_batch[d] = p.c.strides[d];
  }
  return s;
}

using test::random_data;

template <class T>
double tolerance() {
  return sizeof(T) == 8 ? 1e-12 : 1e-5;
}

// The product as ricci::gemm computes it, checked element by element against a long double
// triple loop: the error within tolerance<T>() of the sums of absolute terms (what rounding
// is proportional to; a long dot product of random signs cancels), normwise, and every
// element of C's buffer outside the product left as it was. `run` performs the product.
template <class T, class Run>
void check_product(const Problem& p, T alpha, std::mt19937& rng, Run run) {
  const std::vector<T> a = random_data<T>(p.a.span, rng);
  const std::vector<T> b = random_data<T>(p.b.span, rng);
  const std::vector<T> c_before(static_cast<std::size_t>(p.c.span), T(777));
  std::vector<T> c = c_before;
  run(shape_of(p), alpha, a.data(), b.data(), c.data());

  const GemmShape s = shape_of(p);
  int64_t count = 1;
  for (int64_t e : p.batch) count *= e;
  std::vector<bool> written(c.size(), false);
  long double diff2 = 0, scale2 = 0;
  for (int64_t linear = 0; linear < count; ++linear) {
    int64_t oa = 0, ob = 0, oc = 0, rest = linear;
    for (int d = s.batch_rank - 1; d >= 0; --d) {
      const int64_t i = rest % s.batch[d];
      rest /= s.batch[d];
      oa += i * s.a_batch[d];
      ob += i * s.b_batch[d];
      oc += i * s.c_batch[d];
    }
    for (int64_t i = 0; i < p.m; ++i) {
      for (int64_t j = 0; j < p.n; ++j) {
        long double sum = 0, magnitude = 0;
        for (int64_t q = 0; q < p.k; ++q) {
          const long double term = static_cast<long double>(a[oa + i * s.a_m + q * s.a_k]) *
                                   b[ob + q * s.b_k + j * s.b_n];
          sum += term;
          magnitude += std::fabs(term);
        }
        const long double ref = alpha * sum;
        const std::size_t at = static_cast<std::size_t>(oc + i * s.c_m + j * s.c_n);
        written[at] = true;
        diff2 += (c[at] - ref) * (c[at] - ref);
        scale2 += alpha * alpha * magnitude * magnitude;
      }
    }
  }
  INFO("m=" << p.m << " n=" << p.n << " k=" << p.k << " batch rank " << p.batch.size());
  if (scale2 == 0) {
    CHECK(diff2 == 0);
  } else {
    CHECK(static_cast<double>(std::sqrt(diff2 / scale2)) <= tolerance<T>());
  }
  bool untouched = true;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (!written[i] && c[i] != c_before[i]) untouched = false;
  CHECK(untouched);
}

template <class T>
void check_gemm(const Problem& p, T alpha, std::mt19937& rng) {
  check_product<T>(p, alpha, rng, [](const GemmShape& s, T al, const T* a, const T* b, T* c) {
    gemm<T>(s, al, a, b, c);
  });
}

template <class T>
void check_builtin(const Problem& p, T alpha, int threads, std::mt19937& rng) {
  check_product<T>(p, alpha, rng,
                   [threads](const GemmShape& s, T al, const T* a, const T* b, T* c) {
                     builtin_gemm<T>(s.m, s.n, s.k, al, a, {s.a_m, s.a_k}, b, {s.b_k, s.b_n}, c,
                                     {s.c_m, s.c_n}, threads);
                   });
}

// Every combination of row- and column-major A, B and C, unbatched.
template <class T>
void check_row_and_column_major(int64_t m, int64_t n, int64_t k, T alpha, std::mt19937& rng) {
  const std::vector<int64_t> none;
  const Layout a = dense(with_batch(none, m, k)), at = transposed(with_batch(none, m, k));
  const Layout b = dense(with_batch(none, k, n)), bt = transposed(with_batch(none, k, n));
  const Layout c = dense(with_batch(none, m, n)), ct = transposed(with_batch(none, m, n));
  for (const Layout& la : {a, at})
    for (const Layout& lb : {b, bt})
      for (const Layout& lc : {c, ct}) check_gemm<T>({m, n, k, none, la, lb, lc}, alpha, rng);
}

Problem random_problem(int64_t m, int64_t n, int64_t k, const std::vector<int64_t>& batch,
                       std::mt19937& rng) {
  return {m,
          n,
          k,
          batch,
          random_layout(with_batch(batch, m, k), rng),
          random_layout(with_batch(batch, k, n), rng),
          random_layout(with_batch(batch, m, n), rng)};
}

// Sizes around the kernel's register tile and cache blocks, and the edge cases.
const std::vector<int64_t> sizes = {1, 2, 5, 6, 7, 17, 32, 33, 65, 130};

// Restores the runtime's thread count when a test that changes it ends.
class ThreadCountGuard {
 public:
  ThreadCountGuard() : saved_(num_threads()) {}
  ~ThreadCountGuard() { set_num_threads(saved_); }
  ThreadCountGuard(const ThreadCountGuard&) = delete;
  ThreadCountGuard& operator=(const ThreadCountGuard&) = delete;

 private:
  int saved_;
};

TEST_CASE_TEMPLATE("the built-in kernel matches the triple loop for any strides", T, double,
                   float) {
  std::mt19937 rng(11);
  for (int64_t m : sizes)
    for (int64_t n : sizes)
      for (int64_t k : {int64_t{1}, int64_t{3}, int64_t{64}, int64_t{300}})
        check_builtin<T>(random_problem(m, n, k, {}, rng), T(1.5), 1, rng);
}

TEST_CASE_TEMPLATE("the built-in kernel spans several cache blocks, on one thread or more", T,
                   double, float) {
  using Blocks = gemm_detail::Blocking<T>;
  std::mt19937 rng(12);
  for (int threads : {1, 3}) {
    check_builtin<T>(random_problem(Blocks::mc + 5, Blocks::nc + 7, Blocks::kc + 3, {}, rng),
                     T(-0.5), threads, rng);
    check_builtin<T>(random_problem(3 * Blocks::mc + 1, 45, 2 * Blocks::kc + 1, {}, rng), T(2),
                     threads, rng);
  }
}

#ifdef RICCI_HAVE_SMALL_GEMM
TEST_CASE_TEMPLATE("the small kernel matches the triple loop for any strides", T, double,
                   float) {
  std::mt19937 rng(18);
  for (int64_t m : {1, 3, 4, 5, 8, 9, 17})
    for (int64_t n = 1; n <= gemm_detail::small_max_n; ++n)
      for (int64_t k : {0, 1, 3, 8, 32})
        check_product<T>(random_problem(m, n, k, {}, rng), T(-1.5), rng,
                         [](const GemmShape& s, T al, const T* a, const T* b, T* c) {
                           gemm_detail::small_gemm<T>(s.m, s.n, s.k, al, a, {s.a_m, s.a_k}, b,
                                                      {s.b_k, s.b_n}, c, {s.c_m, s.c_n});
                         });
}
#endif

TEST_CASE_TEMPLATE("gemm computes small products, either way round, for every layout", T,
                   double, float) {
  std::mt19937 rng(19);
  // C 8 wide, C 8 tall (the small kernel takes its transpose), and both at once.
  for (const auto& [m, n, k] : std::vector<std::array<int64_t, 3>>{{8, 8, 8}, {20, 6, 16},
                                                                   {6, 20, 16}, {2, 3, 32}}) {
    check_row_and_column_major<T>(m, n, k, T(0.5), rng);
    check_gemm<T>(random_problem(m, n, k, {7, 3}, rng), T(2), rng);
  }
}

TEST_CASE_TEMPLATE("gemm matches the triple loop for batch ranks 0 to 3", T, double, float) {
  std::mt19937 rng(13);
  const std::vector<std::vector<int64_t>> batches = {{}, {3}, {2, 3}, {2, 1, 3}};
  for (const auto& batch : batches)
    for (int64_t m : {int64_t{1}, int64_t{7}, int64_t{40}})
      for (int64_t n : {int64_t{1}, int64_t{9}, int64_t{50}})
        for (int64_t k : {int64_t{1}, int64_t{16}, int64_t{45}})
          check_gemm<T>(random_problem(m, n, k, batch, rng), T(0.75), rng);
}

TEST_CASE_TEMPLATE("gemm reads every layout of a large product", T, double, float) {
  std::mt19937 rng(14);
  const int64_t m = 150, n = 140, k = 130;
  check_row_and_column_major<T>(m, n, k, T(1), rng);
  for (int trial = 0; trial < 6; ++trial)
    check_gemm<T>(random_problem(m, n, k, {}, rng), T(-1.25), rng);
  for (int trial = 0; trial < 3; ++trial)
    check_gemm<T>(random_problem(70, 60, 50, {2, 3}, rng), T(3), rng);
}

TEST_CASE_TEMPLATE("gemm edge cases", T, double, float) {
  std::mt19937 rng(15);
  const std::vector<int64_t> none;
  SUBCASE("1x1, outer product, vector times matrix, matrix times vector") {
    check_gemm<T>(random_problem(1, 1, 1, none, rng), T(2), rng);
    check_gemm<T>(random_problem(1, 1, 300, none, rng), T(1), rng);
    check_gemm<T>(random_problem(200, 150, 1, none, rng), T(-3), rng);
    check_gemm<T>(random_problem(1, 500, 200, none, rng), T(1), rng);
    check_gemm<T>(random_problem(500, 1, 200, none, rng), T(1), rng);
  }
  SUBCASE("k == 0 writes zeros and m or n == 0 writes nothing") {
    check_gemm<T>(random_problem(5, 4, 0, {2}, rng), T(1), rng);
    check_gemm<T>(random_problem(0, 4, 3, {2}, rng), T(1), rng);
    check_gemm<T>(random_problem(5, 0, 3, none, rng), T(1), rng);
    check_gemm<T>(random_problem(5, 4, 3, {2, 0}, rng), T(1), rng);
  }
  SUBCASE("alpha == 0 gives zeros") {
    check_gemm<T>(random_problem(40, 40, 40, none, rng), T(0), rng);
  }
  SUBCASE("an operand shared by every batch (stride 0)") {
    Problem p = random_problem(33, 35, 37, {4}, rng);
    p.a = nest(with_batch({1}, 33, 37), {1, 2, 0}, 0);
    p.a.extents[0] = 4;
    p.a.strides[0] = 0;
    check_gemm<T>(p, T(1), rng);
  }
  SUBCASE("a broadcast row inside a matrix (stride 0 along k)") {
    Problem p = random_problem(50, 60, 70, none, rng);
    p.b.strides[0] = 0;
    p.b.span = (p.n - 1) * p.b.strides[1] + 1;
    check_gemm<T>(p, T(1), rng);
  }
}

TEST_CASE_TEMPLATE("gemm with one row or one column of C (a matrix-vector or dot product)", T,
                   double, float) {
  std::mt19937 rng(18);
  const std::vector<int64_t> none;
  // x^T B, A x and x . y, below and above the sizes where they go to BLAS or are threaded.
  const std::vector<std::vector<int64_t>> shapes = {
      {1, 1, 7},    {1, 1, 70000}, {1, 9, 5},   {6, 1, 3},    {1, 300, 400},
      {300, 1, 400}, {1, 2100, 70}, {70, 1, 2100}, {1, 700, 120}};
  for (const std::vector<int64_t>& mnk : shapes) {
    const int64_t m = mnk[0], n = mnk[1], k = mnk[2];
    // Row- and column-major, each dense and with gaps: a vector operand is then contiguous
    // or strided, a matrix operand contiguous along either axis and padded or not.
    const auto four = [](const std::vector<int64_t>& e) {
      return std::vector<Layout>{dense(e), transposed(e), nest(e, {0, 1}, 3), nest(e, {1, 0}, 3)};
    };
    for (const Layout& la : four(with_batch(none, m, k)))
      for (const Layout& lb : four(with_batch(none, k, n)))
        for (const Layout& lc : four(with_batch(none, m, n)))
          check_gemm<T>({m, n, k, none, la, lb, lc}, T(-1.5), rng);
    check_gemm<T>(random_problem(m, n, k, {2, 3}, rng), T(1), rng);
  }
  SUBCASE("a broadcast vector (stride 0)") {
    Problem p = random_problem(1, 300, 200, none, rng);
    p.a.strides[1] = 0;
    p.a.span = 1;
    check_gemm<T>(p, T(1), rng);
    Problem q = random_problem(300, 1, 200, none, rng);
    q.b.strides[0] = 0;
    q.b.span = 1;
    check_gemm<T>(q, T(1), rng);
  }
  SUBCASE("a matrix with a repeated row (stride 0)") {
    Problem p = random_problem(250, 1, 90, none, rng);
    p.a.strides[0] = 0;
    p.a.span = (p.k - 1) * p.a.strides[1] + 1;
    check_gemm<T>(p, T(2), rng);
  }
}

TEST_CASE_TEMPLATE("gemm gives the same numbers on one thread and on a team", T, double, float) {
  ThreadCountGuard guard;
  std::mt19937 rng(16);
  for (int threads : {1, 4}) {
    set_num_threads(threads);
    check_gemm<T>(random_problem(12, 10, 8, {50, 3}, rng), T(1), rng);
    check_gemm<T>(random_problem(8, 8, 8, {200}, rng), T(1), rng);
    check_gemm<T>(random_problem(64, 64, 64, {6}, rng), T(1), rng);
    check_gemm<T>(random_problem(260, 250, 240, {2}, rng), T(1), rng);
    check_gemm<T>(random_problem(1, 900, 800, {}, rng), T(1), rng);
    check_gemm<T>(random_problem(900, 1, 800, {2}, rng), T(1), rng);
  }
}

#ifdef _OPENMP
TEST_CASE("gemm inside a parallel region runs on the calling thread, correctly") {
  ThreadCountGuard guard;
  set_num_threads(4);
  std::vector<int> failures(4, 0);
#pragma omp parallel num_threads(4)
  {
    std::mt19937 rng(100 + static_cast<unsigned>(omp_get_thread_num()));
    const Problem p = random_problem(140, 130, 150, {2}, rng);
    const std::vector<double> a = random_data<double>(p.a.span, rng);
    const std::vector<double> b = random_data<double>(p.b.span, rng);
    std::vector<double> c(static_cast<std::size_t>(p.c.span)), ref(c.size());
    const GemmShape s = shape_of(p);
    gemm<double>(s, 1.0, a.data(), b.data(), c.data());
    for (int64_t batch = 0; batch < 2; ++batch) {
      const double* ab = a.data() + batch * s.a_batch[0];
      const double* bb = b.data() + batch * s.b_batch[0];
      builtin_gemm<double>(s.m, s.n, s.k, 1.0, ab, {s.a_m, s.a_k}, bb, {s.b_k, s.b_n},
                           ref.data() + batch * s.c_batch[0], {s.c_m, s.c_n});
    }
    double worst = 0;
    for (std::size_t i = 0; i < c.size(); ++i) worst = std::max(worst, std::abs(c[i] - ref[i]));
    failures[static_cast<std::size_t>(omp_get_thread_num())] = worst > 1e-12 ? 1 : 0;
  }
  CHECK(std::accumulate(failures.begin(), failures.end(), 0) == 0);
}
#endif

TEST_CASE("gemm allocates nothing once its scratch has grown") {
  std::mt19937 rng(17);
  // Strided operands (packed for BLAS), a large product (BLAS or threaded kernel), batches
  // of small ones (spread over threads; the 8 x 8 x 8 ones on the small kernel), a C that is neither row- nor column-contiguous, and
  // matrix-vector products with strided vectors.
  std::vector<Problem> problems = {random_problem(150, 140, 130, {}, rng),
                                   random_problem(300, 300, 300, {}, rng),
                                   random_problem(10, 12, 14, {40}, rng),
                                   random_problem(90, 80, 70, {2}, rng),
                                   random_problem(1, 600, 500, {}, rng),
                                   random_problem(600, 1, 500, {2}, rng),
                                   random_problem(8, 8, 8, {100}, rng)};
  problems[4].a = nest(with_batch({}, 1, 500), {1, 0}, 3);
  problems[5].c = nest(with_batch({2}, 600, 1), {0, 1, 2}, 2);
  problems[3].c = nest(with_batch({2}, 90, 80), {1, 2, 0}, 5);
  std::vector<std::vector<double>> data;
  for (const Problem& p : problems) {
    data.push_back(random_data<double>(p.a.span, rng));
    data.push_back(random_data<double>(p.b.span, rng));
    data.push_back(std::vector<double>(static_cast<std::size_t>(p.c.span)));
  }
  const auto run_all = [&] {
    for (std::size_t i = 0; i < problems.size(); ++i)
      gemm<double>(shape_of(problems[i]), 1.0, data[3 * i].data(), data[3 * i + 1].data(),
                   data[3 * i + 2].data());
  };
  run_all();
  const std::size_t before = test::heap_allocations();
  run_all();
  run_all();
  CHECK(test::heap_allocations() == before);
}

TEST_CASE("gemm rejects a batch rank outside its bounds") {
  GemmShape s;
  s.batch_rank = kMaxBatchRank + 1;
  double x = 1;
  CHECK_THROWS_AS(gemm<double>(s, 1.0, &x, &x, &x), Error);
}

}  // namespace
}  // namespace ricci

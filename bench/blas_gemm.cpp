// The reference GEMM benchmarks, on seeded operands allocated once outside the timed loop.
#include "blas_gemm.h"

#include <cblas.h>
#include <ricci/gemm_kernel.h>
#include <ricci/parallel.h>

#include <algorithm>
#include <random>
#include <vector>

namespace ricci_bench {
namespace {

void gemm(const float* a, const float* b, float* c, GemmShape s) {
  const auto m = static_cast<blasint>(s.m), n = static_cast<blasint>(s.n), k = static_cast<blasint>(s.k);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a, k, b, n, 0.0f, c, n);
}

void gemm(const double* a, const double* b, double* c, GemmShape s) {
  const auto m = static_cast<blasint>(s.m), n = static_cast<blasint>(s.n), k = static_cast<blasint>(s.k);
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
}

template <class T>
std::vector<T> uniform_matrix(int64_t rows, int64_t cols, std::mt19937_64& rng) {
  std::uniform_real_distribution<T> uniform(-1, 1);
  std::vector<T> values(static_cast<std::size_t>(rows * cols));
  std::generate(values.begin(), values.end(), [&] { return uniform(rng); });
  return values;
}

// Times `product(a, b, c)` for row-major A (m x k), B (k x n) and C, after one untimed call
// (OpenBLAS starts its threads there, and the built-in kernel grows its scratch).
template <class T, class Product>
void time_product(benchmark::State& state, GemmShape shape, Product product) {
  std::mt19937_64 rng(1);
  const std::vector<T> a = uniform_matrix<T>(shape.m, shape.k, rng);
  const std::vector<T> b = uniform_matrix<T>(shape.k, shape.n, rng);
  std::vector<T> c(static_cast<std::size_t>(shape.m * shape.n));
  product(a.data(), b.data(), c.data());
  for (auto _ : state) {
    product(a.data(), b.data(), c.data());
    benchmark::DoNotOptimize(c.data());
  }
  const double flops = 2.0 * static_cast<double>(shape.m) * static_cast<double>(shape.n) *
                       static_cast<double>(shape.k);
  state.counters["flops"] = flops;
  // The shape, so the report can tell which layers the BLAS target applies to (n >= 512).
  state.counters["m"] = static_cast<double>(shape.m);
  state.counters["n"] = static_cast<double>(shape.n);
  state.counters["k"] = static_cast<double>(shape.k);
  state.counters["GFLOP/s"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

template <class T>
void blas_gemm(benchmark::State& state, GemmShape shape) {
  time_product<T>(state, shape, [shape](const T* a, const T* b, T* c) { gemm(a, b, c, shape); });
}

template <class T>
void builtin_gemm(benchmark::State& state, GemmShape shape) {
  const int threads = ricci::num_threads();
  time_product<T>(state, shape, [shape, threads](const T* a, const T* b, T* c) {
    ricci::builtin_gemm<T>(shape.m, shape.n, shape.k, T(1), a, {shape.k, 1}, b, {shape.n, 1}, c, {shape.n, 1},
                           threads);
  });
}

template void blas_gemm<float>(benchmark::State&, GemmShape);
template void blas_gemm<double>(benchmark::State&, GemmShape);
template void builtin_gemm<float>(benchmark::State&, GemmShape);
template void builtin_gemm<double>(benchmark::State&, GemmShape);

}  // namespace ricci_bench

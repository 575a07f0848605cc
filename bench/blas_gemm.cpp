// The BLAS GEMM benchmark, on seeded operands allocated once outside the timed loop.
#include "blas_gemm.h"

#include <cblas.h>

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

}  // namespace

template <class T>
void blas_gemm(benchmark::State& state, GemmShape shape) {
  std::mt19937_64 rng(1);
  const std::vector<T> a = uniform_matrix<T>(shape.m, shape.k, rng);
  const std::vector<T> b = uniform_matrix<T>(shape.k, shape.n, rng);
  std::vector<T> c(static_cast<std::size_t>(shape.m * shape.n));
  gemm(a.data(), b.data(), c.data(), shape);  // warm-up: OpenBLAS starts its threads here
  for (auto _ : state) {
    gemm(a.data(), b.data(), c.data(), shape);
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

template void blas_gemm<float>(benchmark::State&, GemmShape);
template void blas_gemm<double>(benchmark::State&, GemmShape);

}  // namespace ricci_bench

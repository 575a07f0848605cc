// The machine's BLAS GEMM, the rate a GEMM-shaped layer is held to, and the runtime's built-in
// kernel (what a build without BLAS runs) on the same product.
#pragma once

#include <benchmark/benchmark.h>

#include "registry.h"

namespace ricci_bench {

// Times C = A * B (row-major, no transposes) for `shape` with cblas_sgemm or cblas_dgemm.
template <class T>
void blas_gemm(benchmark::State& state, GemmShape shape);

// Times the same product with ricci::builtin_gemm on ricci::num_threads() threads.
template <class T>
void builtin_gemm(benchmark::State& state, GemmShape shape);

}  // namespace ricci_bench

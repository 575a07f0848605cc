// The machine's BLAS GEMM: the rate a GEMM-shaped layer is held to.
#pragma once

#include <benchmark/benchmark.h>

#include "registry.h"

namespace ricci_bench {

// Times C = A * B (row-major, no transposes) for `shape` with cblas_sgemm or cblas_dgemm.
template <class T>
void blas_gemm(benchmark::State& state, GemmShape shape);

}  // namespace ricci_bench

// The cuBLAS calls generated code makes: a handle, and strided batched products of row-major
// matrices checked and planned (gemm_plan.h) so the generated call reads as the math.
#pragma once

#include <cublas_v2.h>
#include <cuda_runtime_api.h>

#include <climits>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "ricci/cuda/check.h"
#include "ricci/cuda/gemm_plan.h"

namespace ricci::cuda {

// Throws CudaError unless `status` is CUBLAS_STATUS_SUCCESS.
inline void check(cublasStatus_t status, const char* layer, const char* call) {
  if (status == CUBLAS_STATUS_SUCCESS) return;
  throw CudaError(failure_message(layer, call,
                                  std::string(cublasGetStatusString(status)) + " (" + cublasGetStatusName(status) + ")"));
}

// An owned cuBLAS handle, created on first use (creating one costs milliseconds and
// allocates, so the workspace keeps it between calls).
class Blas {
 public:
  Blas() = default;
  Blas(const Blas&) = delete;
  Blas& operator=(const Blas&) = delete;
  Blas(Blas&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Blas& operator=(Blas&& other) noexcept {
    std::swap(handle_, other.handle_);
    return *this;
  }
  ~Blas() {
    if (handle_ != nullptr) cublasDestroy(handle_);
  }

  // The handle, bound to `stream` for the calls that follow.
  cublasHandle_t on(cudaStream_t stream, const char* layer) {
    if (handle_ == nullptr) check(cublasCreate(&handle_), layer, "cublasCreate");
    check(cublasSetStream(handle_, stream), layer, "cublasSetStream");
    return handle_;
  }

 private:
  cublasHandle_t handle_ = nullptr;
};

// One operand of a batched product: a device pointer, the layout of each matrix, and the
// distance between consecutive matrices of the batch (in elements).
template <class T>
struct BatchedMatrix {
  T* data = nullptr;
  MatrixLayout layout;
  int64_t batch_stride = 0;
};

namespace detail {

inline int blas_int(int64_t value, const char* layer) {
  if (value > INT_MAX)
    throw Error(std::string("layer `") + layer + "`: a matrix dimension of " + std::to_string(value) +
                " exceeds cuBLAS's 32-bit sizes");
  return static_cast<int>(value);
}

inline cublasOperation_t op(const BlasOperand& x) { return x.transpose ? CUBLAS_OP_T : CUBLAS_OP_N; }

}  // namespace detail

// c[p] = alpha * a[p] * b[p] for p < batch (a: m x k, b: k x n, c: m x n), overwriting c.
// Throws Error when the layouts admit no cuBLAS call: the generated code only calls this
// for layouts that always do (each matrix has a unit-stride group or a group of extent 1).
template <class T>
void gemm(cublasHandle_t handle, T alpha, BatchedMatrix<const T> a, BatchedMatrix<const T> b, BatchedMatrix<T> c,
          int64_t batch, const char* layer) {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>, "cuBLAS products are float or double");
  if (batch == 0 || c.layout.rows == 0 || c.layout.cols == 0) return;
  auto plan = plan_gemm(a.layout, b.layout, c.layout);
  if (!plan) throw Error(std::string("layer `") + layer + "`: internal error: a GEMM layout cuBLAS cannot take");
  const BatchedMatrix<const T>& first = plan->swapped ? b : a;
  const BatchedMatrix<const T>& second = plan->swapped ? a : b;
  const T beta = T(0);
  const int m = detail::blas_int(plan->m, layer), n = detail::blas_int(plan->n, layer);
  const int k = detail::blas_int(plan->k, layer), count = detail::blas_int(batch, layer);
  const int lda = detail::blas_int(plan->first.ld, layer), ldb = detail::blas_int(plan->second.ld, layer);
  const int ldc = detail::blas_int(plan->ldc, layer);
  if constexpr (std::is_same_v<T, float>) {
    check(cublasSgemmStridedBatched(handle, detail::op(plan->first), detail::op(plan->second), m, n, k, &alpha,
                                    first.data, lda, first.batch_stride, second.data, ldb, second.batch_stride,
                                    &beta, c.data, ldc, c.batch_stride, count),
          layer, "cublasSgemmStridedBatched");
  } else {
    check(cublasDgemmStridedBatched(handle, detail::op(plan->first), detail::op(plan->second), m, n, k, &alpha,
                                    first.data, lda, first.batch_stride, second.data, ldb, second.batch_stride,
                                    &beta, c.data, ldc, c.batch_stride, count),
          layer, "cublasDgemmStridedBatched");
  }
}

}  // namespace ricci::cuda

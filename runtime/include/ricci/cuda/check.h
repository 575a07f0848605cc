// Every CUDA runtime call the generated code makes goes through check(), which turns a failure
// into a ricci::Error naming the layer and the call.
#pragma once

#include <cuda_runtime_api.h>

#include <string>

#include "ricci/error.h"

namespace ricci::cuda {

// A CUDA or cuBLAS call failed. The message names the layer, the call and the reason, e.g.
// "layer `dense`: cudaMallocAsync failed: out of memory (cudaErrorMemoryAllocation)".
class CudaError : public Error {
 public:
  using Error::Error;
};

inline std::string failure_message(const char* layer, const char* call, const std::string& reason) {
  return std::string("layer `") + layer + "`: " + call + " failed: " + reason;
}

// Throws CudaError unless `status` is cudaSuccess. `call` says what was called (a kernel
// launch is checked through cudaGetLastError right after it, named after the kernel).
inline void check(cudaError_t status, const char* layer, const char* call) {
  if (status == cudaSuccess) return;
  throw CudaError(failure_message(
      layer, call, std::string(cudaGetErrorString(status)) + " (" + cudaGetErrorName(status) + ")"));
}

// The number of CUDA devices, 0 when there is no GPU or no usable driver (the error the
// runtime reports then is not a failure of the caller's).
inline int device_count() noexcept {
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) {
    cudaGetLastError();  // clears the sticky error so later calls report their own
    return 0;
  }
  return count;
}

}  // namespace ricci::cuda

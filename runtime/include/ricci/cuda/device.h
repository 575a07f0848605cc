// What generated kernels use on the device: grid-stride indices, warp and block sums, and
// the checked launch. Included by generated .cu files only: it needs nvcc.
#pragma once

#include <cuda_runtime.h>

#include <cstdint>

#include "ricci/cuda/check.h"
#include "ricci/cuda/launch.h"

namespace ricci::cuda {

// The flat index of this thread in the grid, and the number of threads in the grid: a
// kernel visits elements e = thread_index(), e + thread_count(), ... (a grid-stride loop).
__device__ inline int64_t thread_index() { return static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; }
__device__ inline int64_t thread_count() { return static_cast<int64_t>(gridDim.x) * blockDim.x; }

// The sum of `value` over the 32 lanes of a warp, valid in lane 0.
template <class T>
__device__ inline T warp_sum(T value) {
  for (int offset = 16; offset > 0; offset /= 2) value += __shfl_down_sync(0xffffffffu, value, offset);
  return value;
}

// The sum of `value` over the whole block, valid in thread 0. Every thread of the block must
// call it (it synchronizes), and blockDim.x must be a multiple of 32. The order of the
// additions is fixed, so a result is the same from run to run.
template <class T>
__device__ inline T block_sum(T value) {
  __shared__ T partial[32];
  const unsigned lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  value = warp_sum(value);
  if (lane == 0) partial[warp] = value;
  __syncthreads();
  if (warp != 0) return value;
  value = lane < blockDim.x / 32 ? partial[lane] : T(0);
  return warp_sum(value);
}

// Launches `kernel` on `blocks` blocks of kBlockSize threads on `stream` (nothing for 0
// blocks: an empty tensor) and turns a launch failure into CudaError naming the kernel.
template <class... Params, class... Args>
void launch(void (*kernel)(Params...), unsigned blocks, cudaStream_t stream, const char* layer, const char* name,
            Args... args) {
  if (blocks == 0) return;
  kernel<<<blocks, kBlockSize, 0, stream>>>(args...);
  check(cudaGetLastError(), layer, name);
}

}  // namespace ricci::cuda

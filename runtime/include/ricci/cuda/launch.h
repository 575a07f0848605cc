// Launch geometry for generated kernels: 1-D grids of fixed-size blocks over a flat index.
#pragma once

#include <algorithm>
#include <cstdint>

namespace ricci::cuda {

// Threads per block of every generated kernel (a multiple of the warp size).
inline constexpr unsigned kBlockSize = 256;

// Blocks for `count` threads' worth of work; 0 for no work. Kernels loop with a grid stride,
// so the grid is capped well below the hardware limit and huge tensors still run.
inline unsigned grid_size(int64_t count) noexcept {
  constexpr int64_t kMaxBlocks = int64_t{1} << 20;
  if (count <= 0) return 0;
  return static_cast<unsigned>(std::min<int64_t>((count + kBlockSize - 1) / kBlockSize, kMaxBlocks));
}

}  // namespace ricci::cuda

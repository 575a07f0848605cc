// Workspace: the device memory a generated function keeps its intermediates in, and the
// cuBLAS handle it calls with.
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <string>
#include <utility>

#include "ricci/cuda/blas.h"
#include "ricci/cuda/check.h"

namespace ricci::cuda {

// Every slot of a generated function's workspace starts at a multiple of this many bytes.
inline constexpr std::size_t kSlotAlign = 256;

// The bytes one slot of `count` elements of T takes, rounded up to kSlotAlign.
template <class T>
constexpr std::size_t slot_bytes(int64_t count) noexcept {
  std::size_t bytes = static_cast<std::size_t>(count) * sizeof(T);
  return (bytes + kSlotAlign - 1) / kSlotAlign * kSlotAlign;
}

// Two kinds of arena:
// - Workspace(): owned, stream-ordered memory. A call that needs more than the arena holds
//   frees it and allocates the new size with cudaFreeAsync/cudaMallocAsync on its stream,
//   so a later call with the same shapes allocates nothing.
// - Workspace(arena, bytes): device memory the caller provides (size it with the generated
//   `<program>_workspace_bytes`); it never grows, and a call that needs more throws Error.
// A generated function uses the arena from its start for as long as the work it enqueued
// runs, so one workspace serves one stream at a time; use one per concurrent stream.
class Workspace {
 public:
  Workspace() = default;
  Workspace(void* arena, std::size_t bytes) noexcept : data_(arena), capacity_(bytes), owned_(false) {}
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;
  Workspace(Workspace&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        capacity_(std::exchange(other.capacity_, 0)),
        owned_(other.owned_),
        blas_(std::move(other.blas_)) {}
  Workspace& operator=(Workspace&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(capacity_, other.capacity_);
    std::swap(owned_, other.owned_);
    std::swap(blas_, other.blas_);
    return *this;
  }
  // cudaFree waits for the work still using the memory, whatever stream it was queued on.
  ~Workspace() {
    if (owned_ && data_ != nullptr) cudaFree(data_);
  }

  // The arena, at least `bytes` long, for work queued on `stream` by layer `layer`.
  std::byte* reserve(std::size_t bytes, cudaStream_t stream, const char* layer) {
    if (bytes <= capacity_) return static_cast<std::byte*>(data_);
    if (!owned_)
      throw Error(std::string("layer `") + layer + "`: the workspace needs " + std::to_string(bytes) +
                  " bytes, but the arena it was given holds " + std::to_string(capacity_));
    if (data_ != nullptr) {
      check(cudaFreeAsync(data_, stream), layer, "cudaFreeAsync");
      data_ = nullptr;
      capacity_ = 0;
    }
    check(cudaMallocAsync(&data_, bytes, stream), layer, "cudaMallocAsync");
    capacity_ = bytes;
    return static_cast<std::byte*>(data_);
  }

  std::size_t capacity() const noexcept { return capacity_; }

  // The cuBLAS handle, bound to `stream`.
  cublasHandle_t blas(cudaStream_t stream, const char* layer) { return blas_.on(stream, layer); }

 private:
  void* data_ = nullptr;
  std::size_t capacity_ = 0;
  bool owned_ = true;
  Blas blas_;
};

}  // namespace ricci::cuda

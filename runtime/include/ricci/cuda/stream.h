// Stream: an owned CUDA stream, destroyed with its owner.
#pragma once

#include <cuda_runtime_api.h>

#include <utility>

#include "ricci/cuda/check.h"

namespace ricci::cuda {

// Generated functions take a plain cudaStream_t (0 is the legacy default stream); this
// wrapper is for harnesses that want a stream of their own without leaking it.
class Stream {
 public:
  Stream() { check(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking), "runtime", "cudaStreamCreate"); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  Stream(Stream&& other) noexcept : stream_(std::exchange(other.stream_, nullptr)) {}
  Stream& operator=(Stream&& other) noexcept {
    std::swap(stream_, other.stream_);
    return *this;
  }
  ~Stream() {
    if (stream_ != nullptr) cudaStreamDestroy(stream_);
  }

  cudaStream_t get() const noexcept { return stream_; }
  operator cudaStream_t() const noexcept { return stream_; }

  void synchronize() const { check(cudaStreamSynchronize(stream_), "runtime", "cudaStreamSynchronize"); }

 private:
  cudaStream_t stream_ = nullptr;
};

}  // namespace ricci::cuda

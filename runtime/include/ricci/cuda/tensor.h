// DeviceTensor: owning, dense row-major storage in GPU memory, with copies to and from host
// ricci::Tensor. For harnesses and the driver; generated functions only take views. Every
// operation here is synchronous: it returns when the device memory holds the data, so work
// the caller then queues on any stream (non-blocking ones included) sees it.
#pragma once

#include <cuda_runtime_api.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "ricci/cuda/check.h"
#include "ricci/cuda/view.h"
#include "ricci/tensor.h"

namespace ricci::cuda {

template <class T, int Rank>
class DeviceTensor {
 public:
  // Zero-filled; throws CudaError when the allocation fails.
  explicit DeviceTensor(std::array<int64_t, Rank> extents) : extents_(extents) {
    if (bytes() == 0) return;
    check(cudaMalloc(reinterpret_cast<void**>(&data_), bytes()), "runtime", "cudaMalloc");
    check(cudaMemset(data_, 0, bytes()), "runtime", "cudaMemset");
    check(cudaDeviceSynchronize(), "runtime", "cudaDeviceSynchronize");
  }

  // A device copy of `host`.
  explicit DeviceTensor(const Tensor<T, Rank>& host) : DeviceTensor(host.extents()) {
    if (bytes() == 0) return;
    check(cudaMemcpy(data_, host.data(), bytes(), cudaMemcpyHostToDevice), "runtime", "cudaMemcpy to the device");
    // A copy from pageable memory may return before its DMA has finished.
    check(cudaDeviceSynchronize(), "runtime", "cudaDeviceSynchronize");
  }

  DeviceTensor(const DeviceTensor&) = delete;
  DeviceTensor& operator=(const DeviceTensor&) = delete;
  DeviceTensor(DeviceTensor&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), extents_(std::exchange(other.extents_, {})) {}
  DeviceTensor& operator=(DeviceTensor&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(extents_, other.extents_);
    return *this;
  }
  ~DeviceTensor() {
    if (data_ != nullptr) cudaFree(data_);
  }

  // A host copy. It waits for work on the legacy default stream only: synchronize the stream
  // that writes this tensor first.
  Tensor<T, Rank> to_host() const {
    Tensor<T, Rank> host(extents_);
    if (bytes() != 0)
      check(cudaMemcpy(host.data(), data_, bytes(), cudaMemcpyDeviceToHost), "runtime", "cudaMemcpy to the host");
    return host;
  }

  DeviceRef<T, Rank> ref() noexcept { return {data_, extents_}; }
  DeviceCRef<T, Rank> cref() const noexcept { return {data_, extents_}; }
  operator DeviceRef<T, Rank>() noexcept { return ref(); }
  operator DeviceCRef<T, Rank>() const noexcept { return cref(); }

  int64_t extent(int axis) const noexcept { return extents_[axis]; }
  const std::array<int64_t, Rank>& extents() const noexcept { return extents_; }
  int64_t size() const noexcept {
    int64_t n = 1;
    for (int64_t e : extents_) n *= e;
    return n;
  }

 private:
  std::size_t bytes() const noexcept { return static_cast<std::size_t>(size()) * sizeof(T); }

  T* data_ = nullptr;
  std::array<int64_t, Rank> extents_{};
};

}  // namespace ricci::cuda

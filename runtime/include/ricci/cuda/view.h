// DeviceView: a non-owning, rank-typed window onto dense row-major tensor data in GPU memory.
#pragma once

#include <array>
#include <cstdint>
#include <type_traits>

namespace ricci::cuda {

// A device pointer plus extents; the data is always dense and in C order, the layout the
// generated kernels index and cuBLAS is handed. It is a type of its own, not ricci::View,
// so that host memory cannot be passed where device memory is expected by accident.
// `DeviceView<const T, R>` is the read-only form; every mutable view converts to it.
template <class T, int Rank>
class DeviceView {
  static_assert(Rank >= 0, "a view's rank must not be negative");

 public:
  using element_type = T;
  static constexpr int rank = Rank;

  constexpr DeviceView() noexcept = default;
  constexpr DeviceView(T* data, std::array<int64_t, Rank> extents) noexcept : data_(data), extents_(extents) {}

  // Adds const: DeviceView<U, R> -> DeviceView<const U, R>.
  template <class U, class = std::enable_if_t<std::is_same_v<T, const U> && !std::is_same_v<T, U>>>
  constexpr DeviceView(const DeviceView<U, Rank>& other) noexcept
      : data_(other.data()), extents_(other.extents()) {}

  constexpr T* data() const noexcept { return data_; }
  constexpr int64_t extent(int axis) const noexcept { return extents_[axis]; }
  constexpr const std::array<int64_t, Rank>& extents() const noexcept { return extents_; }

  constexpr int64_t size() const noexcept {
    int64_t n = 1;
    for (int64_t e : extents_) n *= e;
    return n;
  }

 private:
  T* data_ = nullptr;
  std::array<int64_t, Rank> extents_{};
};

// The names generated signatures use: outputs are `DeviceRef`, inputs `DeviceCRef`.
template <class T, int Rank>
using DeviceRef = DeviceView<T, Rank>;
template <class T, int Rank>
using DeviceCRef = DeviceView<const T, Rank>;

}  // namespace ricci::cuda

// Tensor: owning, row-major, zero-initialized, 64-byte-aligned storage with views onto it.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>

#include "ricci/error.h"
#include "ricci/memory.h"
#include "ricci/view.h"

namespace ricci {

// Tensors are values: copying one copies its elements (like std::vector), moving one steals
// its buffer. Generated allocating functions return them by value, which moves. A
// moved-from tensor may only be assigned to or destroyed.
// A default-constructed tensor has every extent 0; at rank 0 that is a scalar holding 0.
template <class T, int Rank>
class Tensor {
  static_assert(std::is_arithmetic_v<T>, "tensor elements are plain numbers");
  static_assert(Rank >= 0, "a tensor's rank must not be negative");

 public:
  using value_type = T;
  static constexpr int rank = Rank;

  Tensor() : Tensor(std::array<int64_t, Rank>{}) {}

  // Throws Error when an extent is negative or the element count does not fit in memory.
  explicit Tensor(std::array<int64_t, Rank> extents) : extents_(extents) {
    std::size_t count = checked_count(extents);
    if (count == 0) return;
    data_ = static_cast<T*>(allocate_aligned(count * sizeof(T)));
    std::fill_n(data_, count, T{});
  }

  Tensor(const Tensor& other) : extents_(other.extents_) {
    std::size_t count = static_cast<std::size_t>(other.size());
    if (other.data_ == nullptr || count == 0) return;
    data_ = static_cast<T*>(allocate_aligned(count * sizeof(T)));
    std::memcpy(data_, other.data_, count * sizeof(T));
  }

  Tensor(Tensor&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        extents_(std::exchange(other.extents_, {})) {}

  Tensor& operator=(const Tensor& other) {
    if (this != &other) *this = Tensor(other);
    return *this;
  }

  Tensor& operator=(Tensor&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(extents_, other.extents_);
    return *this;
  }

  ~Tensor() {
    if (data_ != nullptr) free_aligned(data_);
  }

  Ref<T, Rank> ref() noexcept { return Ref<T, Rank>(data_, extents_); }
  CRef<T, Rank> cref() const noexcept { return CRef<T, Rank>(data_, extents_); }
  operator Ref<T, Rank>() noexcept { return ref(); }
  operator CRef<T, Rank>() const noexcept { return cref(); }

  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  int64_t extent(int axis) const noexcept { return extents_[axis]; }
  const std::array<int64_t, Rank>& extents() const noexcept { return extents_; }

  // Gives the tensor `extents`: keeps its storage and elements when they are the current
  // ones (so a caller can reuse a tensor without allocating), else replaces it with zeros.
  void resize(const std::array<int64_t, Rank>& extents) {
    if (extents != extents_) *this = Tensor(extents);
  }

  int64_t size() const noexcept {
    int64_t n = 1;
    for (int64_t e : extents_) n *= e;
    return n;
  }

  template <class... Is>
  T& operator()(Is... i) noexcept {
    return data_[offset(std::make_index_sequence<Rank>{}, i...)];
  }

  template <class... Is>
  const T& operator()(Is... i) const noexcept {
    return data_[offset(std::make_index_sequence<Rank>{}, i...)];
  }

 private:
  static std::size_t checked_count(const std::array<int64_t, Rank>& extents) {
    std::size_t count = 1;
    std::size_t limit = std::numeric_limits<std::size_t>::max() / sizeof(T);
    for (int64_t e : extents) {
      if (e < 0) throw Error("tensor extent " + std::to_string(e) + " is negative");
      if (e != 0 && count > limit / static_cast<std::size_t>(e))
        throw Error("tensor of " + std::to_string(Rank) + " axes is too large to allocate");
      count *= static_cast<std::size_t>(e);
    }
    return count;
  }

  // Row-major offset by Horner's rule: ((i0 * e1 + i1) * e2 + i2) ...
  template <std::size_t... Axis, class... Is>
  int64_t offset(std::index_sequence<Axis...>, Is... i) const noexcept {
    static_assert(sizeof...(Is) == Rank, "a tensor takes exactly Rank indices");
    static_assert((std::is_integral_v<Is> && ...), "tensor indices must be integers");
    int64_t off = 0;
    ((off = off * extents_[Axis] + static_cast<int64_t>(i)), ...);
    return off;
  }

  T* data_ = nullptr;
  std::array<int64_t, Rank> extents_{};
};

}  // namespace ricci

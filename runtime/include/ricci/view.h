// View: a non-owning, strided, rank-typed window onto tensor data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace ricci {

// A pointer plus extents and strides (in elements, not bytes). Copying a View copies the
// window, never the data; `View<const T, R>` is the read-only form and every mutable view
// converts to it implicitly, so generated functions take inputs as `CRef` and outputs as
// `Ref`. A default-constructed view is null: no data and all extents 0 (so size() is 0,
// except at rank 0 where the empty product is 1 and the view must not be read).
template <class T, int Rank>
class View {
  static_assert(Rank >= 0, "a view's rank must not be negative");

 public:
  using element_type = T;
  using value_type = std::remove_const_t<T>;
  static constexpr int rank = Rank;

  constexpr View() noexcept = default;

  // Row-major (C order) contiguous data.
  constexpr View(T* data, std::array<int64_t, Rank> extents) noexcept
      : data_(data), extents_(extents), strides_(row_major_strides(extents)) {}

  constexpr View(T* data, std::array<int64_t, Rank> extents,
                 std::array<int64_t, Rank> strides) noexcept
      : data_(data), extents_(extents), strides_(strides) {}

  // Adds const: View<U, R> -> View<const U, R>. Removing const is deliberately impossible.
  template <class U,
            class = std::enable_if_t<std::is_same_v<T, const U> && !std::is_same_v<T, U>>>
  constexpr View(const View<U, Rank>& other) noexcept
      : data_(other.data()), extents_(other.extents()), strides_(other.strides()) {}

  constexpr T* data() const noexcept { return data_; }
  constexpr int64_t extent(int axis) const noexcept { return extents_[axis]; }
  constexpr int64_t stride(int axis) const noexcept { return strides_[axis]; }
  constexpr const std::array<int64_t, Rank>& extents() const noexcept { return extents_; }
  constexpr const std::array<int64_t, Rank>& strides() const noexcept { return strides_; }

  constexpr int64_t size() const noexcept {
    int64_t n = 1;
    for (int64_t e : extents_) n *= e;
    return n;
  }

  // True when the elements are laid out in C order with no gaps, so the data can be handed
  // to BLAS or memcpy as one block. Axes of extent 1 may have any stride (as in NumPy).
  constexpr bool contiguous() const noexcept {
    if (size() == 0) return true;
    int64_t expected = 1;
    for (int axis = Rank - 1; axis >= 0; --axis) {
      if (extents_[axis] != 1 && strides_[axis] != expected) return false;
      expected *= extents_[axis];
    }
    return true;
  }

  // Element access with exactly Rank integer indices; unchecked, like a raw pointer.
  template <class... Is>
  constexpr T& operator()(Is... i) const noexcept {
    static_assert(sizeof...(Is) == Rank, "a view takes exactly Rank indices");
    static_assert((std::is_integral_v<Is> && ...), "view indices must be integers");
    return data_[offset(std::make_index_sequence<Rank>{}, i...)];
  }

 private:
  static constexpr std::array<int64_t, Rank> row_major_strides(
      const std::array<int64_t, Rank>& extents) noexcept {
    std::array<int64_t, Rank> strides{};
    int64_t step = 1;
    for (int axis = Rank - 1; axis >= 0; --axis) {
      strides[axis] = step;
      step *= extents[axis];
    }
    return strides;
  }

  template <std::size_t... Axis, class... Is>
  constexpr int64_t offset(std::index_sequence<Axis...>, Is... i) const noexcept {
    return (int64_t{0} + ... + (static_cast<int64_t>(i) * strides_[Axis]));
  }

  T* data_ = nullptr;
  std::array<int64_t, Rank> extents_{};
  std::array<int64_t, Rank> strides_{};
};

// The names generated signatures use: outputs and cotangents are `Ref`, inputs `CRef`.
template <class T, int Rank>
using Ref = View<T, Rank>;
template <class T, int Rank>
using CRef = View<const T, Rank>;

}  // namespace ricci

// Vectorization hints for generated loops. A generated sum whose innermost loop walks the last
// axis of every view it reads has a second copy of that loop for when those axes have stride 1,
// reading the views through UnitStrideView, where the compiler may split the sum into SIMD
// lanes; with any other strides the sum stays in order, since vectorizing it would gather every
// element. A nest that stores into several tensors asserts that none aliases what it reads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include "ricci/view.h"

// Put before the innermost loop of a generated sum into `acc` (or several accumulators, comma
// separated) that reads UnitStrideViews: lets the compiler vectorize it by reassociating the
// sum, as any GEMM does (strict left-to-right order keeps such a loop scalar). Needs OpenMP's simd directive (-fopenmp) and is g++'s only:
// clang reports every such loop it does not vectorize as a warning (-Wpass-failed), which would
// break -Werror builds.
// The directive also tells the compiler that no store in the loop aliases a load, as
// RICCI_IVDEP below does, and g++ takes only one of them on a loop: without OpenMP it is
// RICCI_IVDEP.
#if defined(_OPENMP) && !defined(__clang__)
#define RICCI_SIMD_SUM(...) _Pragma(RICCI_SIMD_PRAGMA_TEXT(omp simd reduction(+ : __VA_ARGS__)))
#define RICCI_SIMD_PRAGMA_TEXT(...) #__VA_ARGS__
#else
#define RICCI_SIMD_SUM(...) RICCI_IVDEP
#endif

// Put before the innermost loop of a loop nest that stores into several tensors: tells g++ that
// no store aliases a load, which it would otherwise have to check at run time for every pair,
// and beyond ten pairs it gives up and leaves the loop scalar. Generated code may rely on it:
// outputs must not alias inputs or each other (docs/generated-api.md), and a kernel never
// writes the workspace slot of a value it reads. Nothing under other compilers: clang's nearest
// equivalent, `#pragma clang loop vectorize(assume_safety)`, also forces vectorization, which
// warns (-Wpass-failed) where it fails.
#if defined(__GNUC__) && !defined(__clang__)
#define RICCI_IVDEP _Pragma("GCC ivdep")
#else
#define RICCI_IVDEP
#endif

namespace ricci {

// A view whose last axis has stride 1 known at compile time; the other strides are its own.
// Only element access: all a kernel body does with the views it sums along.
template <class T, int Rank>
class UnitStrideView {
  static_assert(Rank >= 1, "a unit-stride view has a last axis");

 public:
  explicit UnitStrideView(const View<T, Rank>& v) noexcept : data_(v.data()) {
    for (int axis = 0; axis + 1 < Rank; ++axis) strides_[static_cast<std::size_t>(axis)] = v.stride(axis);
  }

  template <class... Is>
  T& operator()(Is... i) const noexcept {
    static_assert(sizeof...(Is) == Rank, "a view takes exactly Rank indices");
    static_assert((std::is_integral_v<Is> && ...), "view indices must be integers");
    return data_[offset(std::make_index_sequence<Rank - 1>{}, std::forward_as_tuple(i...))];
  }

 private:
  template <std::size_t... Axis, class Indices>
  int64_t offset(std::index_sequence<Axis...>, const Indices& i) const noexcept {
    return (static_cast<int64_t>(std::get<Rank - 1>(i)) + ... +
            (static_cast<int64_t>(std::get<Axis>(i)) * strides_[Axis]));
  }

  T* data_;
  std::array<int64_t, static_cast<std::size_t>(Rank - 1)> strides_{};
};

// True when every view has stride 1 along its last axis (or that axis has at most one element),
// so that each may be read through a UnitStrideView.
template <class... Views>
bool unit_last(const Views&... views) noexcept {
  return ((views.extent(Views::rank - 1) <= 1 || views.stride(Views::rank - 1) == 1) && ...);
}

}  // namespace ricci

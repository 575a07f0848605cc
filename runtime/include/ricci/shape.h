// ShapeChecker: reads each index's size off the arguments once and reports the first disagreement.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include "ricci/error.h"

namespace ricci {

// One checker per call of a generated function, over the layer's N extents (index names).
// Generated code binds every axis of every argument, then reads the sizes with operator[]:
//
//   ricci::ShapeChecker<2> shape("bilinear", {"i", "j"});
//   shape.bind(0, "B", 0, B.extent(0));
//
// The names may be given as a braced list or array of N strings (N > 0), or as a
// std::array (any N, including 0). Only the pointers are kept, so the strings must outlive
// the checker; generated code passes literals. Nothing here allocates unless bind() throws.
template <int N>
class ShapeChecker {
  static_assert(N >= 0, "a layer cannot have a negative number of extents");

 public:
  template <int M = N, std::enable_if_t<M == N && (M > 0), int> = 0>
  ShapeChecker(const char* layer, const char* const (&extent_names)[M]) noexcept
      : layer_(layer) {
    for (int e = 0; e < N; ++e) names_[e] = extent_names[e];
  }

  ShapeChecker(const char* layer, const std::array<const char*, N>& extent_names) noexcept
      : layer_(layer), names_(extent_names) {}

  // Records that `tensor`'s axis `axis` spans extent `extent` with `size` elements. The first
  // bind of an extent fixes its size; a later one with another size throws ShapeError.
  void bind(int extent, const char* tensor, int axis, int64_t size) {
    Source& s = sources_[extent];
    if (s.tensor == nullptr) {
      s = Source{tensor, axis, size};
      return;
    }
    if (s.size != size) throw ShapeError(mismatch(extent, tensor, axis, size));
  }

  // The bound size of an extent, or -1 if nothing has bound it yet.
  int64_t operator[](int extent) const noexcept {
    const Source& s = sources_[extent];
    return s.tensor == nullptr ? -1 : s.size;
  }

 private:
  struct Source {
    const char* tensor = nullptr;
    int axis = 0;
    int64_t size = 0;
  };

  std::string mismatch(int extent, const char* tensor, int axis, int64_t size) const {
    const Source& s = sources_[extent];
    std::string index = std::string("`") + names_[extent] + "`";
    return std::string("layer `") + layer_ + "`: `" + tensor + "` axis " +
           std::to_string(axis) + " (index " + index + ") has size " + std::to_string(size) +
           ", but " + index + " has size " + std::to_string(s.size) + " from `" + s.tensor +
           "` axis " + std::to_string(s.axis);
  }

  const char* layer_;
  std::array<const char*, N> names_{};
  std::array<Source, N> sources_{};
};

template <std::size_t M>
ShapeChecker(const char*, const char* const (&)[M]) -> ShapeChecker<static_cast<int>(M)>;

}  // namespace ricci

// For the harness e2e_runner generates to check the in-place forms on views that are not
// row-major: column-major with every stride doubled, so no axis has stride 1 and neighbouring
// elements of the last axis are far apart. Generated kernels must then take their general paths
// (the loops behind a guarded GEMM, in-order sums) and give what the contiguous call gives.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include <ricci/tensor.h>

#include "noalloc.h"

namespace ricci_strided {

// What the gaps between a Padded's elements hold, to show a kernel writing where it must not.
constexpr double kGap = 1234.5;

template <class T, int Rank>
struct Padded {
  std::vector<T> buffer;
  ricci::View<T, Rank> view;
};

template <class V, std::size_t Rank>
auto& at(const V& v, const std::array<int64_t, Rank>& index) {
  int64_t offset = 0;
  for (std::size_t axis = 0; axis < Rank; ++axis) offset += index[axis] * v.stride(static_cast<int>(axis));
  return v.data()[offset];
}

template <class T, int Rank, class Visit>
void for_each_index(const ricci::Tensor<T, Rank>& t, Visit visit) {
  std::array<int64_t, Rank> index{};
  for (int64_t k = 0; k < t.size(); ++k) {
    int64_t rest = k;
    for (int axis = Rank - 1; axis >= 0; --axis) {
      const int64_t extent = t.extents()[static_cast<std::size_t>(axis)];
      index[static_cast<std::size_t>(axis)] = rest % extent;
      rest /= extent;
    }
    visit(index);
  }
}

// A view of `extents` in the padded column-major layout, every element and gap kGap.
template <class T, int Rank>
Padded<T, Rank> blank(const std::array<int64_t, Rank>& extents) {
  std::array<int64_t, Rank> strides{};
  int64_t step = 2;
  for (int axis = 0; axis < Rank; ++axis) {
    strides[static_cast<std::size_t>(axis)] = step;
    step *= extents[static_cast<std::size_t>(axis)];
  }
  Padded<T, Rank> p{std::vector<T>(static_cast<std::size_t>(std::max<int64_t>(step, 2)), T(kGap)), {}};
  p.view = ricci::View<T, Rank>(p.buffer.data(), extents, strides);
  return p;
}

// A copy of `t` in that layout.
template <class T, int Rank>
Padded<T, Rank> padded(const ricci::Tensor<T, Rank>& t) {
  Padded<T, Rank> p = blank<T, Rank>(t.extents());
  for_each_index(t, [&](const auto& index) { at(p.view, index) = at(t.cref(), index); });
  return p;
}

// Counts a failure in ricci_noalloc::failures() unless `got` holds `want` to `tolerance`
// (relative to the larger magnitude of each pair, at least 1) and its gaps are untouched.
template <class T, int Rank>
void same(const char* what, const ricci::Tensor<T, Rank>& want, const Padded<T, Rank>& got, double tolerance) {
  double worst = 0;
  std::vector<bool> element(got.buffer.size(), false);
  for_each_index(want, [&](const auto& index) {
    const double x = at(want.cref(), index), y = at(got.view, index);
    worst = std::max(worst, std::abs(x - y) / std::max({1.0, std::abs(x), std::abs(y)}));
    element[static_cast<std::size_t>(&at(got.view, index) - got.buffer.data())] = true;
  });
  bool gaps = true;
  for (std::size_t k = 0; k < got.buffer.size(); ++k) gaps = gaps && (element[k] || got.buffer[k] == T(kGap));
  bool ok = worst <= tolerance && gaps;
  std::printf("%s %s: strided and contiguous calls differ by %g%s\n", ok ? "ok  " : "FAIL", what, worst,
              gaps ? "" : ", and it wrote between elements");
  if (!ok) ++ricci_noalloc::failures();
}

}  // namespace ricci_strided

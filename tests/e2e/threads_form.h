// For the harness e2e_runner generates to check that results do not depend on the thread
// count: the same bits from one thread and from several.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include <ricci/tensor.h>

#include "noalloc.h"

namespace ricci_threads {

// A tensor of values in [0.05, 0.65] whose sums round differently when added in another order
// (ricci_noalloc::filled()'s multiples of 1/8 add up exactly in any order at these sizes).
template <class T, int Rank>
ricci::Tensor<T, Rank> inexact(std::array<int64_t, Rank> extents) {
  ricci::Tensor<T, Rank> t(extents);
  for (int64_t k = 0; k < t.size(); ++k) t.data()[k] = T(0.35 + 0.3 * std::sin(1.7 * static_cast<double>(k) + 0.1));
  return t;
}

// Counts a failure in ricci_noalloc::failures() unless `a` and `b` have the same extents and
// the same bits (NaNs included).
template <class T, int Rank>
void same_bits(const char* what, const ricci::Tensor<T, Rank>& a, const ricci::Tensor<T, Rank>& b) {
  bool ok = a.extents() == b.extents() &&
            std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(T)) == 0;
  std::printf("%s %s: the same bits on 1 and 2 threads\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++ricci_noalloc::failures();
}

}  // namespace ricci_threads

// For the harness e2e_runner generates to check the saved-intermediates form: its results
// against the recomputing form's.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <ricci/tensor.h>

#include "noalloc.h"

namespace ricci_saved {

// Counts a failure in ricci_noalloc::failures() unless `a` and `b` have the same extents and
// agree to `tolerance` relative to the larger magnitude of each pair (at least 1).
template <class T, int Rank>
void same(const char* what, const ricci::Tensor<T, Rank>& a, const ricci::Tensor<T, Rank>& b, double tolerance) {
  double worst = a.extents() == b.extents() ? 0.0 : INFINITY;
  for (int64_t k = 0; worst <= tolerance && k < a.size(); ++k) {
    double x = a.data()[k], y = b.data()[k];
    worst = std::max(worst, std::abs(x - y) / std::max({1.0, std::abs(x), std::abs(y)}));
  }
  bool ok = worst <= tolerance;
  std::printf("%s %s: saved and recomputing forms differ by %g\n", ok ? "ok  " : "FAIL", what, worst);
  if (!ok) ++ricci_noalloc::failures();
}

}  // namespace ricci_saved

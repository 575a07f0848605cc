// What the end-to-end runners (e2e_runner, and the CUDA tests in tests/cuda) share: running a
// command, a tally of checks and the difference between two results.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace ricci_e2e {

// Runs `command` through the shell; prints it when it fails. Returns its exit status.
inline int shell(const std::string& command) {
  int status = std::system(command.c_str());
  if (status != 0) std::cout << "command failed (" << status << "): " << command << "\n";
  return status;
}

// Prints `ok   what` or `FAIL what` and counts it.
struct Tally {
  int passed = 0, failed = 0;
  void record(bool ok, const std::string& what) {
    (ok ? passed : failed)++;
    std::cout << (ok ? "ok   " : "FAIL ") << what << std::endl;
  }
};

// Normwise relative difference: the largest |got - want| over the largest finite |want| (at
// least 1). NaN in the same place on both sides, and equal infinities, count as agreement;
// results of other shapes differ infinitely.
inline double difference(const std::vector<int64_t>& got_shape, const std::vector<double>& got,
                         const std::vector<int64_t>& want_shape, const std::vector<double>& want) {
  if (got_shape != want_shape) return INFINITY;
  double scale = 1, worst = 0;
  for (double w : want)
    if (std::isfinite(w)) scale = std::max(scale, std::abs(w));
  for (std::size_t k = 0; k < want.size(); ++k) {
    double g = got[k], w = want[k];
    if (std::isnan(g) && std::isnan(w)) continue;
    if (std::isinf(g) && g == w) continue;
    worst = std::max(worst, std::isfinite(g - w) ? std::abs(g - w) / scale : INFINITY);
  }
  return worst;
}

}  // namespace ricci_e2e

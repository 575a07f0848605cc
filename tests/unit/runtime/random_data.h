// Test data shared by the runtime's product tests.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace ricci::test {

// `count` values uniform in [-1, 1].
template <class T>
std::vector<T> random_data(int64_t count, std::mt19937& rng) {
  std::uniform_real_distribution<double> value(-1.0, 1.0);
  std::vector<T> v(static_cast<std::size_t>(count));
  for (T& x : v) x = static_cast<T>(value(rng));
  return v;
}

}  // namespace ricci::test

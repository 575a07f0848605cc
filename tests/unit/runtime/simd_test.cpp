// UnitStrideView, unit_last and RICCI_SIMD_SUM: what a generated sum's unit-stride copy reads.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <numeric>
#include <vector>

#include "ricci/simd.h"

namespace ricci {
namespace {

TEST_CASE("a unit-stride view reads and writes the elements its view does") {
  std::vector<double> data(2 * 5 * 6);
  std::iota(data.begin(), data.end(), 0.0);
  // Padded rows and planes: only the last axis is unit-stride.
  View<double, 3> v(data.data(), {2, 3, 4}, {30, 6, 1});
  UnitStrideView u(v);
  for (int64_t i = 0; i < 2; ++i) {
    for (int64_t j = 0; j < 3; ++j) {
      for (int64_t k = 0; k < 4; ++k) CHECK(&u(i, j, k) == &v(i, j, k));
    }
  }
  u(1, 2, 3) = -1;
  CHECK(data[30 + 12 + 3] == -1);

  const float row[3] = {1, 2, 3};
  UnitStrideView r(View<const float, 1>(row, {3}));
  CHECK(r(2) == 3);
}

TEST_CASE("unit_last holds when every view's last axis has stride 1 or at most one element") {
  double data[24] = {};
  View<double, 2> rows(data, {4, 6});
  View<const double, 1> vector(data, {6});
  View<double, 2> columns(data, {6, 4}, {1, 6});
  View<double, 2> one_column(data, {6, 1}, {1, 6});
  View<double, 1> every_other(data, {12}, {2});
  CHECK(unit_last(rows, vector));
  CHECK(unit_last(one_column));
  CHECK_FALSE(unit_last(rows, columns));
  CHECK_FALSE(unit_last(every_other));
  CHECK_FALSE(unit_last(vector, every_other, rows));
}

TEST_CASE("RICCI_SIMD_SUM before a loop sums it") {
  std::vector<float> x(1001);
  std::iota(x.begin(), x.end(), 0.0f);
  UnitStrideView v(View<const float, 1>(x.data(), {1001}));
  float acc = 0;
  RICCI_SIMD_SUM(acc)
  for (int64_t i = 0; i < 1001; ++i) acc += v(i);
  CHECK(acc == 500500.0f);  // integers below 2^24: exact in any order
}

}  // namespace
}  // namespace ricci

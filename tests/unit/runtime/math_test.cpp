// Scalar functions: values, derivatives at the kinks, and exact integer powers.
#include <doctest/doctest.h>

#include <climits>
#include <cmath>
#include <limits>

#include "ricci/math.h"

namespace ricci {
namespace {

TEST_CASE_TEMPLATE("sigmoid is accurate and never overflows", T, float, double) {
  CHECK(sigmoid(T(0)) == T(0.5));
  CHECK(sigmoid(T(2)) == doctest::Approx(1 / (1 + std::exp(-2.0))));
  CHECK(sigmoid(T(-2)) == doctest::Approx(1 - 1 / (1 + std::exp(-2.0))));
  CHECK(sigmoid(T(1000)) == T(1));
  CHECK(sigmoid(T(-1000)) == T(0));
  CHECK(std::isnan(sigmoid(std::numeric_limits<T>::quiet_NaN())));
}

TEST_CASE_TEMPLATE("relu, step and sign, including at zero", T, float, double) {
  CHECK(relu(T(-2)) == T(0));
  CHECK(relu(T(0)) == T(0));
  CHECK(relu(T(3)) == T(3));
  CHECK(std::isnan(relu(std::numeric_limits<T>::quiet_NaN())));
  CHECK(step(T(-1)) == T(0));
  CHECK(step(T(0)) == T(0));
  CHECK(step(T(-0.0)) == T(0));
  CHECK(step(T(1e-30)) == T(1));
  CHECK(sign(T(-4)) == T(-1));
  CHECK(sign(T(0)) == T(0));
  CHECK(sign(T(-0.0)) == T(0));
  CHECK(sign(T(0.25)) == T(1));
  CHECK(square(T(-3)) == T(9));
}

TEST_CASE_TEMPLATE("powi multiplies exactly", T, float, double) {
  T x = T(1.1);
  CHECK(powi(x, 0) == T(1));
  CHECK(powi(T(0), 0) == T(1));
  CHECK(powi(std::numeric_limits<T>::quiet_NaN(), 0) == T(1));
  CHECK(powi(x, 1) == x);
  CHECK(powi(x, 2) == x * x);
  CHECK(powi(x, 3) == x * (x * x));
  CHECK(powi(T(2), 10) == T(1024));
  CHECK(powi(T(-2), 3) == T(-8));
  CHECK(powi(T(-2), 4) == T(16));
}

TEST_CASE_TEMPLATE("negative powers are reciprocals", T, float, double) {
  T x = T(1.1);
  CHECK(powi(T(2), -1) == T(0.5));
  CHECK(powi(T(2), -3) == T(0.125));
  CHECK(powi(T(-2), -3) == T(-0.125));
  CHECK(powi(x, -2) == T(1) / (x * x));
  CHECK(powi(T(0), -1) == std::numeric_limits<T>::infinity());
  CHECK(powi(T(1), INT_MIN) == T(1));
  CHECK(powi(T(2), INT_MIN) == T(0));
}

TEST_CASE("the scalar functions are constant expressions where C++ allows") {
  static_assert(powi(3.0, 4) == 81.0);
  static_assert(powi(2.0f, -2) == 0.25f);
  static_assert(relu(-1.0) == 0.0);
  static_assert(step(2.0f) == 1.0f);
  static_assert(sign(-0.5) == -1.0);
  static_assert(square(1.5) == 2.25);
}

}  // namespace
}  // namespace ricci

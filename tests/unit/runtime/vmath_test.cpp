// ricci::vec's exp, tanh, sigmoid and log against the standard library, over the whole range.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

#include "ricci/math.h"
#include "ricci/vmath.h"

namespace ricci {
namespace {

// Bits of the same width as T, to draw values uniformly over all bit patterns: every binade,
// subnormals, infinities and NaNs included.
template <class T>
using BitsOf = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;

template <class T>
T from_bits(BitsOf<T> bits) {
  T x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// Relative error, measured against the smallest normal for results below it (a subnormal has
// fewer significant bits, so its relative error says nothing about the function).
template <class T>
double error(T got, double want) {
  if (std::isnan(want)) return std::isnan(got) ? 0 : std::numeric_limits<double>::infinity();
  if (std::isinf(want)) return static_cast<double>(got) == want ? 0 : std::numeric_limits<double>::infinity();
  double scale = std::fmax(std::fabs(want), static_cast<double>(std::numeric_limits<T>::min()));
  return std::fabs(static_cast<double>(got) - want) / scale;
}

// The worst error over half a million random bit patterns and half a million points uniform in
// [lo, hi] (where the function is neither saturated nor trivial). The reference is computed in
// double: for float that is the correctly rounded value, up to double's own rounding.
struct Worst {
  double error = 0;
  double at = 0;
};

template <class T, class Fn, class Ref>
Worst worst_error(Fn fn, Ref ref, double lo, double hi, bool positive_only) {
  constexpr int per_half = 500000;
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> uniform(lo, hi);
  Worst worst;
  auto measure = [&](T x) {
    double e = error(fn(x), ref(static_cast<double>(x)));
    if (!(e <= worst.error)) worst = {e, static_cast<double>(x)};
  };
  for (int i = 0; i < per_half; ++i) {
    auto bits = static_cast<BitsOf<T>>(rng());
    T x = from_bits<T>(bits);
    measure(positive_only ? std::fabs(x) : x);
  }
  for (int i = 0; i < per_half; ++i) measure(static_cast<T>(uniform(rng)));
  return worst;
}

// 4 ulp (the functions reach about 2.2); end-to-end tests need only 1e-12 (double) and 1e-4.
template <class T>
constexpr double tolerance = 4 * static_cast<double>(std::numeric_limits<T>::epsilon());

TEST_CASE_TEMPLATE("vec::exp matches std::exp to a few ulp, subnormal and overflowing results included", T,
                   float, double) {
  // Rounded to T so that a float result past FLT_MAX is inf in the reference too.
  auto reference = [](double x) { return static_cast<double>(static_cast<T>(std::exp(x))); };
  Worst w = worst_error<T>([](T x) { return vec::exp(x); }, reference, sizeof(T) == 8 ? -750.0 : -110.0,
                           sizeof(T) == 8 ? 750.0 : 95.0, false);
  INFO("worst at x = ", w.at);
  CHECK(w.error <= tolerance<T>);
}

TEST_CASE_TEMPLATE("vec::tanh keeps its relative accuracy near 0 and saturates at +-1", T, float, double) {
  Worst w = worst_error<T>([](T x) { return vec::tanh(x); }, [](double x) { return std::tanh(x); }, -25.0, 25.0,
                           false);
  INFO("worst at x = ", w.at);
  CHECK(w.error <= tolerance<T>);
}

TEST_CASE_TEMPLATE("vec::sigmoid matches ricci::sigmoid without overflow", T, float, double) {
  Worst w = worst_error<T>([](T x) { return vec::sigmoid(x); }, [](double x) { return ricci::sigmoid(x); },
                           sizeof(T) == 8 ? -800.0 : -110.0, sizeof(T) == 8 ? 800.0 : 110.0, false);
  INFO("worst at x = ", w.at);
  CHECK(w.error <= tolerance<T>);
}

TEST_CASE_TEMPLATE("vec::log matches std::log from subnormals to the largest finite value", T, float, double) {
  // The uniform half sits around 1, where log x is small and cancellation would show.
  Worst w = worst_error<T>([](T x) { return vec::log(x); }, [](double x) { return std::log(x); }, 0.5, 2.0, true);
  INFO("worst at x = ", w.at);
  CHECK(w.error <= tolerance<T>);
}

TEST_CASE_TEMPLATE("the edges: exact values, infinities, zeros and NaN", T, float, double) {
  constexpr T inf = std::numeric_limits<T>::infinity();
  constexpr T nan = std::numeric_limits<T>::quiet_NaN();
  CHECK(vec::exp(T(0)) == T(1));
  CHECK(vec::exp(T(-1000)) == T(0));
  CHECK(vec::exp(T(1000)) == inf);
  CHECK(vec::exp(-inf) == T(0));
  CHECK(vec::exp(inf) == inf);
  CHECK(std::isnan(vec::exp(nan)));
  CHECK(vec::exp(std::numeric_limits<T>::denorm_min()) == T(1));

  CHECK(vec::tanh(T(0)) == T(0));
  CHECK(std::signbit(vec::tanh(T(-0.0))));
  CHECK(vec::tanh(T(1000)) == T(1));
  CHECK(vec::tanh(T(-1000)) == T(-1));
  CHECK(vec::tanh(inf) == T(1));
  CHECK(vec::tanh(-inf) == T(-1));
  CHECK(std::isnan(vec::tanh(nan)));
  CHECK(vec::tanh(std::numeric_limits<T>::denorm_min()) == std::numeric_limits<T>::denorm_min());

  CHECK(vec::sigmoid(T(0)) == T(0.5));
  CHECK(vec::sigmoid(T(1000)) == T(1));
  CHECK(vec::sigmoid(T(-1000)) == T(0));
  CHECK(std::isnan(vec::sigmoid(nan)));

  CHECK(vec::log(T(1)) == T(0));
  CHECK(vec::log(T(0)) == -inf);
  CHECK(vec::log(T(-0.0)) == -inf);
  CHECK(std::isnan(vec::log(T(-1))));
  CHECK(std::isnan(vec::log(-inf)));
  CHECK(vec::log(inf) == inf);
  CHECK(std::isnan(vec::log(nan)));
  CHECK(vec::log(std::numeric_limits<T>::denorm_min()) ==
        doctest::Approx(std::log(static_cast<double>(std::numeric_limits<T>::denorm_min()))));
}

}  // namespace
}  // namespace ricci

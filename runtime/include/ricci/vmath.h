// exp, tanh, sigmoid and log in plain arithmetic, so that loops calling them vectorize.
//
// std::exp and friends are libm calls that may set errno, so g++ leaves a loop calling them
// scalar. These versions use only +, *, /, selects and bit moves: no call, no errno, no branch.
// Accuracy (tests/unit/runtime/vmath_test.cpp): a few ulp against std:: for double and float,
// with std::'s results at the edges (overflow to inf, underflow to 0, NaN in, NaN out).
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>

namespace ricci::vec {
namespace detail {

template <class To, class From>
inline To bit_cast(From from) noexcept {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof(To));
  return to;
}

// c0 + x * (c1 + x * (c2 + ...)), unrolled at compile time.
template <class T>
inline T horner(T, T c0) noexcept {
  return c0;
}
template <class T, class... Ts>
inline T horner(T x, T c0, Ts... cs) noexcept {
  return c0 + x * horner(x, T(cs)...);
}

// The constants of each format. ln2 is split in two so that k * ln2_hi is exact for every k
// the functions below produce (ln2_hi has trailing zero bits) and ln2_lo carries the rest.
template <class T>
struct Format;

template <>
struct Format<double> {
  using Bits = std::uint64_t;
  static constexpr int mantissa_bits = 52;
  static constexpr Bits bias = 1023;
  static constexpr double ln2_hi = 6.93147180369123816490e-01;
  static constexpr double ln2_lo = 1.90821492927058770002e-10;
  static constexpr double log2e = 1.44269504088896338700e+00;
  // Adding 1.5 * 2^52 rounds to an integer that then sits in the low mantissa bits.
  static constexpr double round_shifter = 6755399441055744.0;
  // exp overflows above ~709.78 and is below half the smallest subnormal under ~-745.13.
  static constexpr double exp_min = -746.0;
  static constexpr double exp_max = 710.0;
  // Makes k + k_offset >= 0 for every k the clamp above allows.
  static constexpr Bits k_offset = 1100;
  // tanh(x) rounds to 1 once 2 e^-2x < 2^-54, i.e. from x ~ 19.06.
  static constexpr double tanh_saturation = 20.0;
  static constexpr Bits sqrt_half_bits = 0x3fe6a09e667f3bcdULL;
  static constexpr double subnormal_scale = 18014398509481984.0;  // 2^54
  static constexpr double subnormal_scale_log2 = 54.0;

  // e^r - 1 for |r| <= ln2 / 2: Taylor to r^13, whose remainder is below 2^-57 relative.
  static double expm1_reduced(double r) noexcept {
    return r * horner(r, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320,
                      1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800);
  }
  // log(m) / (2 s) - 1 for s = (m - 1) / (m + 1), z = s^2 <= 0.0295: the atanh series to z^11.
  static double log_tail(double z) noexcept {
    return z * horner(z, 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17, 1.0 / 19,
                      1.0 / 21, 1.0 / 23);
  }
};

template <>
struct Format<float> {
  using Bits = std::uint32_t;
  static constexpr int mantissa_bits = 23;
  static constexpr Bits bias = 127;
  static constexpr float ln2_hi = 0.693359375f;
  static constexpr float ln2_lo = -2.12194440e-4f;
  static constexpr float log2e = 1.44269504f;
  static constexpr float round_shifter = 12582912.0f;  // 1.5 * 2^23
  // exp overflows above ~88.72 and is below half the smallest subnormal under ~-103.97.
  static constexpr float exp_min = -104.0f;
  static constexpr float exp_max = 89.0f;
  static constexpr Bits k_offset = 160;
  // 2 e^-2x < 2^-25 from x ~ 9.01.
  static constexpr float tanh_saturation = 10.0f;
  static constexpr Bits sqrt_half_bits = 0x3f3504f3U;
  static constexpr float subnormal_scale = 33554432.0f;  // 2^25
  static constexpr float subnormal_scale_log2 = 25.0f;

  // Taylor to r^7: remainder below 2^-27 relative.
  static float expm1_reduced(float r) noexcept {
    return r * horner(r, 1.0f, 1.0f / 2, 1.0f / 6, 1.0f / 24, 1.0f / 120, 1.0f / 720, 1.0f / 5040);
  }
  // The atanh series to z^5.
  static float log_tail(float z) noexcept {
    return z * horner(z, 1.0f / 3, 1.0f / 5, 1.0f / 7, 1.0f / 9, 1.0f / 11);
  }
};

// x = k ln2 + r with k an integer and |r| <= ln2 / 2; k is returned as k + k_offset, which the
// callers keep non-negative so that all bit arithmetic stays unsigned.
template <class T>
struct Reduced {
  typename Format<T>::Bits biased_k;
  T r;
};

template <class T>
inline Reduced<T> reduce(T x) noexcept {
  using F = Format<T>;
  using Bits = typename F::Bits;
  T shifted = x * F::log2e + F::round_shifter;
  T k = shifted - F::round_shifter;
  Bits biased_k = bit_cast<Bits>(shifted) - bit_cast<Bits>(F::round_shifter) + F::k_offset;
  return {biased_k, (x - k * F::ln2_hi) - k * F::ln2_lo};
}

// 2^e for an exponent e that is normal, given as e + bias.
template <class T>
inline T pow2_biased(typename Format<T>::Bits biased_exponent) noexcept {
  return bit_cast<T>(static_cast<typename Format<T>::Bits>(biased_exponent << Format<T>::mantissa_bits));
}

// e^y - 1 for 0 <= y <= 2 * tanh_saturation: 2^k (e^r - 1) + (2^k - 1) cancels nothing for
// k >= 0, so small y keep full relative accuracy.
template <class T>
inline T expm1_nonnegative(T y) noexcept {
  using F = Format<T>;
  Reduced<T> red = reduce(y);
  T scale = pow2_biased<T>(red.biased_k - F::k_offset + F::bias);
  return scale * F::expm1_reduced(red.r) + (scale - T(1));
}

}  // namespace detail

// e^x. 2^k is applied as two factors 2^(k/2) so that both stay normal: the result may be
// subnormal or inf and is rounded once, by the last product.
template <class T>
inline T exp(T x) noexcept {
  using F = detail::Format<T>;
  // Written as selects, not std::min/max, so that a NaN passes through.
  x = x < F::exp_min ? F::exp_min : x;
  x = x > F::exp_max ? F::exp_max : x;
  detail::Reduced<T> red = detail::reduce(x);
  typename F::Bits half = red.biased_k >> 1;
  typename F::Bits rest = red.biased_k - half;
  T mantissa = T(1) + F::expm1_reduced(red.r);
  T scale_half = detail::pow2_biased<T>(half + F::bias - F::k_offset / 2);
  T scale_rest = detail::pow2_biased<T>(rest + F::bias - F::k_offset / 2);
  return mantissa * scale_half * scale_rest;
}

// sign(x) tanh|x| with tanh a = expm1(2a) / (expm1(2a) + 2), which keeps relative accuracy
// near 0 (where 1 - 2 / (e^2a + 1) would cancel) without a separate small-|x| branch.
template <class T>
inline T tanh(T x) noexcept {
  using F = detail::Format<T>;
  using Bits = typename F::Bits;
  constexpr Bits sign_bit = Bits(1) << (sizeof(T) * 8 - 1);
  Bits bits = detail::bit_cast<Bits>(x);
  T a = detail::bit_cast<T>(static_cast<Bits>(bits & ~sign_bit));
  a = a > F::tanh_saturation ? F::tanh_saturation : a;
  T em = detail::expm1_nonnegative(T(2) * a);
  T magnitude = em / (em + T(2));
  return detail::bit_cast<T>(static_cast<Bits>(detail::bit_cast<Bits>(magnitude) | (bits & sign_bit)));
}

// 1 / (1 + e^-x) as ricci::sigmoid computes it: only e^-|x| is taken, which cannot overflow,
// and x < 0 uses e^x / (1 + e^x).
template <class T>
inline T sigmoid(T x) noexcept {
  T e = vec::exp(x < T(0) ? x : -x);
  return (x < T(0) ? e : T(1)) / (T(1) + e);
}

// log x = k ln2 + log m with x = m 2^k, m in [sqrt(1/2), sqrt(2)), and
// log m = 2 atanh s = 2s (1 + s^2/3 + s^4/5 + ...) for s = (m - 1) / (m + 1).
template <class T>
inline T log(T x) noexcept {
  using F = detail::Format<T>;
  using Bits = typename F::Bits;
  // A subnormal x is scaled into the normal range first.
  bool subnormal = x < std::numeric_limits<T>::min();
  T scaled = subnormal ? x * F::subnormal_scale : x;
  T k_correction = subnormal ? F::subnormal_scale_log2 : T(0);
  // Adding 1.0's bits minus sqrt(1/2)'s makes the exponent field step up exactly where the
  // mantissa passes sqrt(1/2), so k and m come out of one shift and one mask.
  constexpr Bits one_bits = F::bias << F::mantissa_bits;
  constexpr Bits mantissa_mask = (Bits(1) << F::mantissa_bits) - 1;
  Bits shifted = detail::bit_cast<Bits>(scaled) + (one_bits - F::sqrt_half_bits);
  Bits biased_k = shifted >> F::mantissa_bits;
  T m = detail::bit_cast<T>(static_cast<Bits>((shifted & mantissa_mask) + F::sqrt_half_bits));
  // k as a float without an integer conversion (int64 -> double has no AVX2 instruction):
  // 2^mantissa_bits + biased_k, built in the bits, minus the same constant and the bias.
  T big = detail::bit_cast<T>(static_cast<Bits>(one_bits + (Bits(F::mantissa_bits) << F::mantissa_bits) + biased_k));
  T k = big - (T(Bits(1) << F::mantissa_bits) + T(F::bias)) - k_correction;
  T f = m - T(1);
  T s = f / (T(2) + f);
  T log_m = T(2) * s + T(2) * s * F::log_tail(s * s);
  T result = k * F::ln2_hi + (k * F::ln2_lo + log_m);
  // log 0 = -inf, log of a negative is NaN, log inf = inf, and a NaN stays NaN (x + x).
  T special = x == T(0) ? -std::numeric_limits<T>::infinity()
                        : (x < T(0) ? std::numeric_limits<T>::quiet_NaN() : x + x);
  return x > T(0) && x < std::numeric_limits<T>::infinity() ? result : special;
}

}  // namespace ricci::vec

// Scalar functions that generated code calls and C++ lacks, with the derivatives AD needs.
#pragma once

#include <cmath>

// Also callable from generated CUDA kernels.
#if defined(__CUDACC__)
#define RICCI_HOST_DEVICE __host__ __device__
#else
#define RICCI_HOST_DEVICE
#endif

namespace ricci {

// 1 / (1 + e^-x), evaluated so that neither branch can overflow: for x < 0 the equivalent
// e^x / (1 + e^x) only ever exponentiates a negative number.
template <class T>
RICCI_HOST_DEVICE inline T sigmoid(T x) {
  using std::exp;
  if (x >= T(0)) return T(1) / (T(1) + exp(-x));
  T e = exp(x);
  return e / (T(1) + e);
}

// max(x, 0); a NaN passes through rather than being hidden as 0.
template <class T>
RICCI_HOST_DEVICE constexpr T relu(T x) noexcept {
  return x < T(0) ? T(0) : x;
}

// relu's derivative, taken as 0 at x = 0 (the subgradient PyTorch and JAX use).
template <class T>
RICCI_HOST_DEVICE constexpr T step(T x) noexcept {
  return x > T(0) ? T(1) : T(0);
}

// abs's derivative: -1, 0 or 1 (0 at x = 0, the smallest subgradient).
template <class T>
RICCI_HOST_DEVICE constexpr T sign(T x) noexcept {
  return static_cast<T>((T(0) < x) - (x < T(0)));
}

template <class T>
RICCI_HOST_DEVICE constexpr T square(T x) noexcept {
  return x * x;
}

// x^n by repeated squaring, so small powers are exactly the products one would write
// (x^2 == x*x, x^3 == x*(x*x)) rather than std::pow's exp(n log x). x^0 is 1 for every x,
// and x^-n is 1 / x^n.
template <class T>
RICCI_HOST_DEVICE constexpr T powi(T x, int n) noexcept {
  // Negating through unsigned keeps n == INT_MIN defined.
  unsigned m = n < 0 ? 0u - static_cast<unsigned>(n) : static_cast<unsigned>(n);
  T result = T(1);
  T base = x;
  while (m != 0) {
    if ((m & 1u) != 0) result *= base;
    m >>= 1;
    if (m != 0) base *= base;
  }
  return n < 0 ? T(1) / result : result;
}

}  // namespace ricci

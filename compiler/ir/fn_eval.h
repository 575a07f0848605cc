// The meaning of each elementwise function on one number: used by constant folding and by
// the reference interpreter, so that both agree to the bit.
#pragma once

#include <cmath>

#include "ir/ir.h"
#include "support/internal_error.h"

namespace ricci::ir {

// step(x) = x > 0 ? 1 : 0 (the derivative of relu), sign(x) in {-1, 0, 1} (of abs), and
// powi is exact repeated multiplication, a negative exponent taking the reciprocal last.
template <class T>
T apply_fn(Fn fn, int exponent, T x) {
  switch (fn) {
    case Fn::exp: return std::exp(x);
    case Fn::log: return std::log(x);
    case Fn::tanh: return std::tanh(x);
    case Fn::sigmoid: return T(1) / (T(1) + std::exp(-x));
    case Fn::relu: return x > T(0) ? x : T(0);
    case Fn::sqrt: return std::sqrt(x);
    case Fn::square: return x * x;
    case Fn::sin: return std::sin(x);
    case Fn::cos: return std::cos(x);
    case Fn::abs: return std::abs(x);
    case Fn::step: return x > T(0) ? T(1) : T(0);
    case Fn::sign: return x > T(0) ? T(1) : (x < T(0) ? T(-1) : T(0));
    case Fn::powi: {
      T p = T(1);
      for (int k = 0; k < (exponent < 0 ? -exponent : exponent); ++k) p *= x;
      return exponent < 0 ? T(1) / p : p;
    }
  }
  internal_error(__FILE__, __LINE__, "unknown elementwise function");
}

}  // namespace ricci::ir

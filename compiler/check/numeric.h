// Running programs in a chosen precision, central differences, and error measures.
#pragma once

#include <string>
#include <vector>

#include "check/sample.h"

namespace ricci::check {

// Runs `p` in `dtype` on the entries of `pool` that `p` reads; results widened to double.
Data run_as(const ir::Program& p, const Data& pool, DType dtype);

// The derivative of every output of `p` along x + s t at s = 0, elementwise, by five-point
// central differences in float64 at a step chosen per element (from 2.5e-4 down, where the
// estimates settle; docs/derivatives.md). `direction` holds t for some inputs of `p` by
// their names (the others stay fixed).
Data directional(const ir::Program& p, const Data& at, const Data& direction);

// The gradient of phi(x) = sum_Y <weights[Y], p(x)[Y]> with respect to each input named in
// `wrt`, one element at a time, by the same differences. Each output element is differenced
// before weighting, so the rounding error of a partial derivative comes only from the
// elements that depend on that input, not from the size of phi.
Data gradient(const ir::Program& p, const Data& at, const Data& weights,
              const std::vector<std::string>& wrt);

// The same gradient, exactly, with respect to inputs in which `p` is linear (the seeds d_Y
// of a pullback): phi at a unit in one element of them, all others zero, minus phi at zero.
// No step, so no truncation error; and no rounding error from the other inputs' terms, which
// a difference at `at` would carry (a large d_X term from one seed buries the small term of
// another).
Data linear_gradient(const ir::Program& p, const Data& at, const Data& weights,
                     const std::vector<std::string>& wrt);

double dot(const interp::Array<double>& a, const interp::Array<double>& b);

// max |test - ref| / max(1, max |ref|): relative where the reference is large, absolute
// (against the same tolerance) where it is small or zero. NaN if any element is NaN.
double rel_error(const interp::Array<double>& test, const interp::Array<double>& ref);

// The larger of two errors, NaN if either is.
double worst(double a, double b);

}  // namespace ricci::check

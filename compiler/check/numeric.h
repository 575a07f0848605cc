// Running programs in a chosen precision, central differences, and error measures.
#pragma once

#include <string>
#include <vector>

#include "check/sample.h"

namespace ricci::check {

// Runs `p` in `dtype` on the entries of `pool` that `p` reads; results widened to double.
Data run_as(const ir::Program& p, const Data& pool, DType dtype);

// (p(x + h t) - p(x - h t)) / 2h for every output, in float64; `direction` holds t for some
// inputs of `p` by their names (the others stay fixed).
Data directional(const ir::Program& p, const Data& at, const Data& direction, double h);

// The central-difference gradient of phi(x) = sum_Y <weights[Y], p(x)[Y]> with respect to
// each input named in `wrt`, one element at a time, in float64.
Data gradient(const ir::Program& p, const Data& at, const Data& weights,
              const std::vector<std::string>& wrt, double h);

double dot(const interp::Array<double>& a, const interp::Array<double>& b);

// max |test - ref| / max(1, max |ref|): relative where the reference is large, absolute
// (against the same tolerance) where it is small or zero. NaN if any element is NaN.
double rel_error(const interp::Array<double>& test, const interp::Array<double>& ref);

// The larger of two errors, NaN if either is.
double worst(double a, double b);

}  // namespace ricci::check

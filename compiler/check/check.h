// Numerical verification of a layer's derivative programs against finite differences.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::check {

enum class DType { f64, f32 };

struct CheckOptions {
  uint64_t seed = 1;           // every random input derives from it: reruns are identical
  DType dtype = DType::f64;    // arithmetic of the programs under test; references are f64
  int64_t extent_size = 3;     // extent k of the layer gets extent_size + k % 3 elements
  std::optional<double> tolerance;  // on max_rel_error; default 1e-6 for f64, 1e-3 for f32
};

struct CheckResult {
  std::string program;   // pushforward, pullback, dot-product or pullback2
  double max_rel_error;  // NaN when a result is not a number (e.g. log of a negative)
  bool ok;
};

// The four programs of one layer, as a backend receives them: `ricci check` verifies the
// programs `ricci gen` emits (cli::emitted_programs), optimized or not.
struct Programs {
  ir::Program evaluate;
  ir::Program pullback;
  ir::Program pushforward;
  ir::Program pullback2;
};

// The layer's programs differentiated from `layer.evaluate` as it is, with no optimizer.
Programs derive(const ir::Layer& layer);

// Runs the programs on random data and compares the derivatives with central differences of
// `programs.evaluate` in float64 (docs/derivatives.md has the policy); `layer` gives the grad
// inputs:
//   pushforward  Y against evaluate, t_Y against the directional difference of evaluate
//   pullback     d_X against the difference gradient of <d_Y, evaluate(X)>
//   dot-product  <d_Y, t_Y> against <d_X, t_X> for tangents on the grad inputs only
//   pullback2    g_d_Y, g_X against the gradient of <dd_X, pullback(d_Y, X)>: exact in d_Y
//                (the pullback is linear in it), by differences in X
std::vector<CheckResult> check_layer(const ir::Layer& layer, const Programs& programs,
                                     const CheckOptions& options);

// check_layer(layer, derive(layer), options): the unoptimized derivatives of `layer`.
std::vector<CheckResult> check_layer(const ir::Layer& layer, const CheckOptions& options);

}  // namespace ricci::check

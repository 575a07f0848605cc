// ricci check: each derivative program against central differences of the program below it.
#include "check/check.h"

#include <algorithm>
#include <cmath>

#include "ad/ad.h"
#include "check/numeric.h"

namespace ricci::check {
namespace {

struct Session {
  const ir::Program& evaluate;
  const std::vector<std::string>& grad_inputs;
  DType dtype;
  double tolerance;
  Data pool;  // every input of every program: X, t_X, d_Y, dd_X

  CheckResult result(std::string program, double error) const {
    return {std::move(program), error, error <= tolerance};
  }
};

CheckResult check_pushforward(const Session& s, const ir::Program& pushforward) {
  const ir::Program& f = s.evaluate;
  Data direction;
  for (const std::string& x : input_names(f)) direction[x] = s.pool.at("t_" + x);
  Data got = run_as(pushforward, s.pool, s.dtype);
  Data value = run_as(f, s.pool, DType::f64);
  Data tangent = directional(f, s.pool, direction);
  double error = 0;
  for (const ir::Result& y : f.outputs) {
    error = worst(error, rel_error(got.at(y.name), value.at(y.name)));
    error = worst(error, rel_error(got.at("t_" + y.name), tangent.at(y.name)));
  }
  return s.result("pushforward", error);
}

CheckResult check_pullback(const Session& s, const Data& got) {
  const ir::Program& f = s.evaluate;
  Data weights;
  for (const ir::Result& y : f.outputs) weights[y.name] = s.pool.at("d_" + y.name);
  Data grad = gradient(f, s.pool, weights, s.grad_inputs);
  double error = 0;
  for (const std::string& x : s.grad_inputs)
    error = worst(error, rel_error(got.at("d_" + x), grad.at(x)));
  return s.result("pullback", error);
}

// <d_Y, J t> = <J^T d_Y, t> with t zero outside the grad inputs: pushforward and pullback
// agree with each other, not only each with differences.
CheckResult check_dot_product(const Session& s, const ir::Program& pushforward,
                              const Data& pulled) {
  Data pool = s.pool;
  for (const std::string& x : input_names(s.evaluate)) {
    if (std::find(s.grad_inputs.begin(), s.grad_inputs.end(), x) ==
        s.grad_inputs.end()) {
      for (double& v : pool.at("t_" + x).data) v = 0;
    }
  }
  Data pushed = run_as(pushforward, pool, s.dtype);
  double forward = 0;
  for (const ir::Result& y : s.evaluate.outputs)
    forward += dot(pool.at("d_" + y.name), pushed.at("t_" + y.name));
  double reverse = 0;
  for (const std::string& x : s.grad_inputs)
    reverse += dot(pulled.at("d_" + x), pool.at("t_" + x));
  double scale = worst(1.0, worst(std::abs(forward), std::abs(reverse)));
  return s.result("dot-product", std::abs(forward - reverse) / scale);
}

CheckResult check_pullback2(const Session& s, const ir::Program& pullback,
                            const ir::Program& pullback2) {
  Data weights;
  for (const ir::Result& dx : pullback.outputs) weights[dx.name] = s.pool.at("d" + dx.name);
  std::vector<std::string> seeds;
  for (const ir::Result& y : s.evaluate.outputs) seeds.push_back("d_" + y.name);
  // The pullback is linear in its seeds, so their gradient is read off exactly; differences
  // at the drawn seeds could not resolve a small g_d_Y when another seed makes d_X large.
  Data grad = linear_gradient(pullback, s.pool, weights, seeds);
  grad.merge(gradient(pullback, s.pool, weights, s.grad_inputs));
  Data got = run_as(pullback2, s.pool, s.dtype);
  double error = 0;
  for (const auto& [v, ref] : grad) error = worst(error, rel_error(got.at("g_" + v), ref));
  return s.result("pullback2", error);
}

}  // namespace

Programs derive(const ir::Layer& layer) {
  return {layer.evaluate, ad::differentiate(layer, ir::ProgramKind::pullback),
          ad::differentiate(layer, ir::ProgramKind::pushforward),
          ad::differentiate(layer, ir::ProgramKind::pullback2)};
}

std::vector<CheckResult> check_layer(const ir::Layer& layer, const CheckOptions& options) {
  return check_layer(layer, derive(layer), options);
}

std::vector<CheckResult> check_layer(const ir::Layer& layer, const Programs& programs,
                                     const CheckOptions& options) {
  const ir::Program& f = programs.evaluate;
  const ir::Program& pullback = programs.pullback;
  const ir::Program& pushforward = programs.pushforward;
  const ir::Program& pullback2 = programs.pullback2;

  double tolerance = options.tolerance.value_or(options.dtype == DType::f64 ? 1e-6 : 1e-3);
  Session s{f, layer.grad_inputs, options.dtype, tolerance, {}};
  Rng rng(options.seed);
  std::vector<int64_t> sizes = extent_sizes(f, options);
  s.pool = draw_point(f, sizes, rng);
  for (ir::ValueId x : f.inputs) {
    const std::string& name = std::get<ir::Input>(f.at(x).op).name;
    s.pool["t_" + name] = draw(f.at(x).shape, sizes, rng, -1, 1);
  }
  for (const ir::Result& y : f.outputs)
    s.pool["d_" + y.name] = draw(f.at(y.value).shape, sizes, rng, -1, 1);
  for (const ir::Result& dx : pullback.outputs)
    s.pool["d" + dx.name] = draw(pullback.at(dx.value).shape, sizes, rng, -1, 1);

  Data pulled = run_as(pullback, s.pool, s.dtype);
  return {check_pushforward(s, pushforward), check_pullback(s, pulled),
          check_dot_product(s, pushforward, pulled), check_pullback2(s, pullback, pullback2)};
}

}  // namespace ricci::check

// -O0 and -O1 agree numerically, and the optimized layers pass the derivative check.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "check/check.h"
#include "interp/interp.h"
#include "opt_test.h"
#include "random/layer_generator.h"

namespace ricci::opt {
namespace {

using Arrays = interp::Bindings<double>;

// Every input of `p`, positive (log, sqrt and division apply to inputs only), extent e of
// size 2 + e % 3, drawn from `seed`.
Arrays draw_inputs(const ir::Program& p, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> value(0.5, 1.5);
  Arrays in;
  for (ir::ValueId id : p.inputs) {
    interp::Array<double> a;
    int64_t n = 1;
    for (ir::ExtentId e : p.at(id).shape) {
      a.dims.push_back(2 + e % 3);
      n *= a.dims.back();
    }
    for (int64_t k = 0; k < n; ++k) a.data.push_back(value(rng));
    in[p.at(id).name] = std::move(a);
  }
  return in;
}

double max_error(const Arrays& got, const Arrays& want) {
  double worst = 0;
  for (const auto& [name, ref] : want) {
    const interp::Array<double>& test = got.at(name);
    REQUIRE(test.dims == ref.dims);
    for (std::size_t k = 0; k < ref.data.size(); ++k) {
      double e = std::abs(test.data[k] - ref.data[k]) / std::max(1.0, std::abs(ref.data[k]));
      worst = std::isnan(e) ? e : std::max(worst, e);
    }
  }
  return worst;
}

TEST_CASE("-O0 and -O1 programs agree on random layers") {
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    std::string text = testing::random_layer("r", seed);
    ir::Layer layer = test::parse_layer(text);
    for (ir::ProgramKind kind : test::kPrograms) {
      ir::Program o0 = test::derive(layer, kind, {0, {}});
      ir::Program o1 = test::derive(layer, kind, {1, {}});
      Arrays in = draw_inputs(o0, seed);
      INFO("seed " << seed << ", " << ir::program_name(kind) << "\n" << text);
      CHECK(max_error(interp::run<double>(o1, in), interp::run<double>(o0, in)) < 1e-10);
    }
  }
}

TEST_CASE("the derivatives of optimized random layers agree with finite differences") {
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    std::string text = testing::random_layer("r", seed);
    check::CheckOptions o;
    o.seed = seed;
    o.extent_size = 2;
    for (const check::CheckResult& r : check::check_layer(test::optimized(test::parse_layer(text), {}), o)) {
      INFO("seed " << seed << ", " << r.program << "\n" << text);
      CHECK(r.ok);
    }
  }
}

}  // namespace
}  // namespace ricci::opt

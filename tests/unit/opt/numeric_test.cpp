// -O0 and -O1 agree numerically, and the optimized layers pass the derivative check.
#include <doctest/doctest.h>

#include "check/check.h"
#include "interp/interp.h"
#include "opt_test.h"
#include "random/layer_generator.h"

namespace ricci::opt {
namespace {

using test::Arrays;
using test::draw_inputs;
using test::max_error;

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

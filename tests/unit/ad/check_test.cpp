// The numerical checker itself: input policy, determinism, and its difference operators.
#include <doctest/doctest.h>

#include <cmath>

#include "check/numeric.h"
#include "expect_checks.h"
#include "layers.h"

namespace ricci::ad::test {
namespace {

TEST_CASE("inputs feeding log, sqrt or negative powers are drawn in [0.5, 1.5]") {
  for (ir::Layer layer : {one_fn(Fn::log), one_fn(Fn::sqrt), one_fn(Fn::powi, -2)}) {
    check::Rng rng(7);
    check::Data x = check::draw_point(layer.evaluate, {8, 4}, rng);
    for (const char* name : {"W", "u"})
      for (double v : x.at(name).data) CHECK((v >= 0.5 && v <= 1.5));
    bool negative = false;
    for (double v : x.at("v").data) negative |= v < 0;
    CHECK(negative);  // v only scales the result: drawn in [-1, 1]
  }
}

TEST_CASE("kinked arguments stay away from the kink") {
  ir::Layer layer = one_fn(Fn::abs);
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    check::Rng rng(seed);
    check::Data x = check::draw_point(layer.evaluate, {5, 5}, rng);
    ir::Program h = layer.evaluate;  // reading out h[i] = W[i,j]*u[j], the argument of abs
    h.outputs.clear();
    for (std::size_t v = 0; v < h.values.size(); ++v)
      if (h.values[v].name == "h") h.outputs.push_back({"h", static_cast<ir::ValueId>(v)});
    REQUIRE(h.outputs.size() == 1);
    check::Data args = interp::run(h, x);
    for (double v : args.at("h").data) CHECK(std::abs(v) >= 1e-3);
  }
}

TEST_CASE("a seed determines every number") {
  check::CheckOptions o;
  o.seed = 11;
  auto a = check::check_layer(mlp(), o);
  auto b = check::check_layer(mlp(), o);
  REQUIRE(a.size() == 4);
  for (std::size_t k = 0; k < a.size(); ++k) {
    CHECK(a[k].program == b[k].program);
    CHECK(a[k].max_rel_error == b[k].max_rel_error);
  }
  CHECK(a[0].program == "pushforward");
  CHECK(a[3].program == "pullback2");
}

TEST_CASE("a tolerance below what differences can reach fails") {
  check::CheckOptions o;
  o.tolerance = 1e-30;
  bool any_failed = false;
  for (const check::CheckResult& r : check::check_layer(mlp(), o)) any_failed |= !r.ok;
  CHECK(any_failed);
}

TEST_CASE("differences are taken per element, before the weighted sum") {
  // z = 2x beside an output of 1e20 that does not depend on x: the gradient of
  // <1, big> + <1, z> with respect to x is 2, whatever the size of big.
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i"), u = h.in("u", "i");
  h.output("big", h.contract(1e20, {{u, "i"}}, "i", "big"));
  h.output("z", h.contract(2, {{x, "i"}}, "i", "z"));
  ir::Program p = h.finish("beside").evaluate;
  check::Data at{{"x", {{3}, {0.5, -1.0, 2.0}}}, {"u", {{3}, {1.0, -1.0, 0.5}}}};
  check::Data ones{{"big", {{3}, {1.0, 1.0, 1.0}}}, {"z", {{3}, {1.0, 1.0, 1.0}}}};
  check::Data grad = check::gradient(p, at, ones, {"x"});
  for (double g : grad.at("x").data) CHECK(g == doctest::Approx(2).epsilon(1e-10));
}

TEST_CASE("each derivative gets a step that suits it") {
  // sin(5000 x) needs a small step (truncation error), 1e5 u + x a large one (rounding
  // error): no one fixed step gives both to 1e-6.
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i"), u = h.in("u", "i");
  h.output("y", h.map(Fn::sin, h.contract(5000, {{x, "i"}}, "i"), "y"));
  h.output("z", h.add({h.contract(1e5, {{u, "i"}}, "i"), x}, "z"));
  ir::Program p = h.finish("steps").evaluate;
  check::Data at{{"x", {{3}, {0.1, 0.2, 0.3}}}, {"u", {{3}, {1.0, 1.0, 1.0}}}};
  check::Data dir = check::directional(p, at, {{"x", {{3}, {1.0, 1.0, 1.0}}}});
  for (std::size_t e = 0; e < 3; ++e) {
    double x0 = at.at("x").data[e];
    CHECK(dir.at("y").data[e] == doctest::Approx(5000 * std::cos(5000 * x0)).epsilon(1e-8));
    CHECK(dir.at("z").data[e] == doctest::Approx(1).epsilon(1e-6));
  }
}

TEST_CASE("the gradient with respect to inputs a program is linear in is exact") {
  // y = 3 s x is linear in s: the gradient of <w, y> with respect to s is 3 w x.
  HandLayer h("i");
  ir::ValueId s = h.in("s", "i"), x = h.in("x", "i");
  h.output("y", h.contract(3, {{s, "i"}, {x, "i"}}, "i", "y"));
  ir::Program p = h.finish("linear").evaluate;
  check::Data at{{"s", {{3}, {7.0, -9.0, 1e8}}}, {"x", {{3}, {0.5, -1.0, 2.0}}}};
  check::Data w{{"y", {{3}, {0.25, 1.0, -3.0}}}};
  check::Data grad = check::linear_gradient(p, at, w, {"s"});
  for (std::size_t e = 0; e < 3; ++e)
    CHECK(grad.at("s").data[e] == 3 * at.at("x").data[e] * w.at("y").data[e]);
}

TEST_CASE("central differences of x[i]^3") {
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i");
  h.output("y", h.map(Fn::powi, x, "y", 3));
  ir::Program p = h.finish("cube").evaluate;
  check::Data at{{"x", {{3}, {0.5, -1.0, 2.0}}}};
  check::Data t{{"x", {{3}, {1.0, 2.0, -1.0}}}};
  check::Data dir = check::directional(p, at, t);
  check::Data grad = check::gradient(p, at, {{"y", {{3}, {1.0, 1.0, 1.0}}}}, {"x"});
  for (std::size_t e = 0; e < 3; ++e) {
    double x0 = at.at("x").data[e];
    CHECK(dir.at("y").data[e] == doctest::Approx(3 * x0 * x0 * t.at("x").data[e]).epsilon(1e-8));
    CHECK(grad.at("x").data[e] == doctest::Approx(3 * x0 * x0).epsilon(1e-8));
  }
  CHECK(check::rel_error({{2}, {1.0, 2.0}}, {{2}, {1.0, 2.5}}) == doctest::Approx(0.2));
  CHECK(std::isnan(check::rel_error({{1}, {NAN}}, {{1}, {1.0}})));
}

}  // namespace
}  // namespace ricci::ad::test

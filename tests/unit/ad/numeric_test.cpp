// Every derivative program of hand-built layers against finite differences (check_layer).
#include <doctest/doctest.h>

#include "expect_checks.h"
#include "hand_layer.h"
#include "layers.h"

namespace ricci::ad::test {
namespace {

TEST_CASE("matrix product") { expect_checks_pass(matmul()); }

TEST_CASE("bilinear with a trace, all inputs and a grad subset") {
  expect_checks_pass(bilinear());
  expect_checks_pass(bilinear({"B", "C"}));
  expect_checks_pass(bilinear({"D"}));
}

TEST_CASE("a repeated tensor: x[i]*x[i], x[i]*x[i]*x[i], x[i,j]*x[j,i]") {
  HandLayer h("i");
  h.alias('j', 'i');
  ir::ValueId x = h.in("x", "i"), m = h.in("m", "ij");
  h.output("s", h.contract(1, {{x, "i"}, {x, "i"}}, "", "s"));
  h.output("c", h.contract(1, {{x, "i"}, {x, "i"}, {x, "i"}}, "i", "c"));
  h.output("t", h.contract(1, {{m, "ij"}, {m, "ji"}}, "", "t"));
  expect_checks_pass(h.finish("repeated"));
}

TEST_CASE("broadcast bias and a tanh through an intermediate") {
  expect_checks_pass(mlp());
  expect_checks_pass(mlp({"x"}));
}

TEST_CASE("every elementwise function") {
  for (Fn fn : {Fn::exp, Fn::log, Fn::tanh, Fn::sigmoid, Fn::relu, Fn::sqrt, Fn::square, Fn::sin,
                Fn::cos, Fn::abs, Fn::step, Fn::sign}) {
    expect_checks_pass(one_fn(fn));
  }
}

TEST_CASE("integer powers and division") {
  for (int n : {-3, -2, -1, 2, 3, 4}) expect_checks_pass(one_fn(Fn::powi, n));
  HandLayer h("i");
  ir::ValueId a = h.in("a", "i"), b = h.in("b", "i");
  ir::ValueId inv = h.map(Fn::powi, b, "inv_b", -1);
  h.output("q", h.contract(1, {{a, "i"}, {inv, "i"}}, "i", "q"));
  expect_checks_pass(h.finish("division"));
}

TEST_CASE("scalar inputs and a scalar output") {
  HandLayer h("i");
  ir::ValueId s = h.in("s", ""), t = h.in("t", ""), x = h.in("x", "i");
  h.output("y", h.add({h.contract(1, {{s, ""}, {x, "i"}}, "i"), h.contract(1, {{t, ""}}, "i")}, "y"));
  ir::ValueId e = h.map(Fn::exp, s, "e");
  h.output("z", h.contract(-0.5, {{e, ""}, {x, "i"}, {x, "i"}}, "", "z"));
  expect_checks_pass(h.finish("scalars"));
}

TEST_CASE("an output read by a later statement, and diagonals") {
  HandLayer h("ij");
  ir::ValueId D = h.in("D", "ii"), u = h.in("u", "j");
  ir::ValueId d = h.contract(1, {{D, "ii"}}, "i", "d");  // the diagonal of D
  h.output("d", d);
  ir::ValueId e = h.map(Fn::sin, d, "e");
  h.output("y", h.contract(2, {{e, "i"}, {u, "j"}}, "ij", "y"));  // broadcast outer product
  expect_checks_pass(h.finish("reread"));
}

TEST_CASE("an output that is an input, and an input no output depends on") {
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i");
  h.in("unused", "i");
  h.output("y", h.contract(1, {{x, "i"}}, "i", "y"));  // folds to x itself
  h.output("z", h.contract(1, {{x, "i"}, {x, "i"}}, "", "z"));
  expect_checks_pass(h.finish("passthrough"));
}

// random294: d_x sums a huge term (from the seed of `big`, about 1e12) and a small one (from
// the seed of `z`). Differences of d_x cannot resolve g_d_z under that term; the check reads
// the seeds' gradient off exactly, as the pullback is linear in them.
TEST_CASE("a small seed cotangent next to a large one in one d_X") {
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i");
  h.output("big", h.contract(1e12, {{h.map(Fn::exp, x), "i"}}, "i", "big"));
  h.output("z", h.contract(2, {{x, "i"}}, "i", "z"));
  expect_checks_pass(h.finish("mixed_scales"));
}

// random5023: a strongly curved output defeats three-point differences at one fixed step
// (error h^2 |f'''| / 6, here (5000 h)^2 / 6 = 4e-6 relative at h = 1e-6).
TEST_CASE("a strongly curved output") {
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i");
  h.output("y", h.map(Fn::sin, h.contract(5000, {{x, "i"}}, "i"), "y"));
  expect_checks_pass(h.finish("curved"));
}

// random19437: a derivative of 1 inside outputs near 1e5, whose rounding error (1e-16 |y| / h)
// needs a larger step than the curved output above.
TEST_CASE("a small derivative inside a large output") {
  HandLayer h("i");
  ir::ValueId u = h.in("u", "i"), x = h.in("x", "i");
  h.output("y", h.add({h.contract(1e5, {{u, "i"}}, "i"), x}, "y"));
  for (uint64_t seed : {1, 2, 3, 4}) {
    check::CheckOptions o;
    o.seed = seed;
    expect_checks_pass(h.finish("large_output"), o);
  }
}

TEST_CASE("float32 programs against float64 differences") {
  check::CheckOptions f32;
  f32.dtype = check::DType::f32;
  expect_checks_pass(mlp(), f32);
  expect_checks_pass(bilinear(), f32);
  expect_checks_pass(one_fn(Fn::log), f32);
}

TEST_CASE("several seeds and sizes") {
  for (uint64_t seed : {2, 3, 4}) {
    check::CheckOptions o;
    o.seed = seed;
    o.extent_size = static_cast<int64_t>(seed);
    expect_checks_pass(mlp(), o);
    expect_checks_pass(one_fn(Fn::relu), o);
    expect_checks_pass(one_fn(Fn::abs), o);
  }
}

}  // namespace
}  // namespace ricci::ad::test

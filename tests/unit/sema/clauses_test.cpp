// The grad, output and dims clauses; inferred outputs and gradient inputs.
#include <doctest/doctest.h>

#include "sema_test.h"

namespace ricci::sema::test {

TEST_CASE("grad names must be inputs of the layer, listed once") {
  Analyzed a = analyze_text("layer a {\n  grad q, y, x, x\n  y[i] := x[i]\n}");
  CHECK(a.summary() ==
        "2:8: unknown-grad: `q` in `grad` is not a tensor of layer `a`\n"
        "2:11: grad-not-input: `y` in `grad` is assigned in layer `a`; only inputs get gradients\n"
        "  3:3: note: `y` is assigned here\n"
        "2:17: duplicate-name: `x` is listed twice in `grad`\n"
        "  2:14: note: first listed here\n");
}

TEST_CASE("output names must be assigned tensors, listed once") {
  Analyzed a = analyze_text("layer a {\n  output x, z, y, y\n  y[i] := x[i]\n}");
  CHECK(a.summary() ==
        "2:10: unknown-output: `x` in `output` is not assigned in layer `a`\n"
        "  3:11: note: `x` is an input, read here\n"
        "2:13: unknown-output: `z` in `output` is not assigned in layer `a`\n"
        "2:19: duplicate-name: `y` is listed twice in `output`\n"
        "  2:16: note: first listed here\n");
}

TEST_CASE("dims: values in [1, 2^40], one per index; an unused one is a warning") {
  Analyzed a = analyze_text("layer a {\n  dims i=0, j=1099511627777, i=3, q=4, k=-2\n  y[i] := x[i,j,k]*z[j,k]\n}");
  CHECK(a.summary() ==
        "2:10: invalid-dim: size of `i` must be between 1 and 2^40, got 0\n"
        "2:15: invalid-dim: size of `j` must be between 1 and 2^40, got 1099511627777\n"
        "2:30: duplicate-name: `i` is listed twice in `dims`\n"
        "  2:8: note: first listed here\n"
        "2:35: unused-dim: `q` in `dims` is not an index of layer `a`\n"
        "2:42: invalid-dim: size of `k` must be between 1 and 2^40, got -2\n");
  CHECK(a.covered(1) == "1099511627777");
  CHECK(a.diags->all()[3].severity == Severity::warning);
}

TEST_CASE("an unused dim alone is only a warning: the layer still lowers, with the valid hints") {
  Analyzed a = analyze_text("layer a {\n  dims i=1099511627776, q=4\n  y[i] := x[i]\n}");
  CHECK(a.summary() == "2:25: unused-dim: `q` in `dims` is not an index of layer `a`\n");
  REQUIRE(a.module.layers.size() == 1);
  CHECK(a.program().extents.at(0).hint == int64_t{1} << 40);
}

TEST_CASE("inferred outputs: assigned tensors whose final value no later statement reads") {
  Analyzed a = analyze_text(
      "layer a {\n  h[i] := x[i]\n  y[i] := h[i] * 2\n  z[i] := y[i] + w[i]\n  h[i] += y[i]\n  u[i] := z[i]\n}");
  REQUIRE(a.summary().empty());
  const ir::Program& p = a.program();
  REQUIRE(p.outputs.size() == 2);
  CHECK(p.outputs[0].name == "h");
  CHECK(p.outputs[1].name == "u");
}

TEST_CASE("declared outputs are exactly those, in declaration order") {
  Analyzed a = analyze_text("layer a {\n  output y, h\n  h[i] := x[i] * x[i]\n  y[i] := h[i] * 2\n}");
  REQUIRE(a.summary().empty());
  const ir::Program& p = a.program();
  REQUIRE(p.outputs.size() == 2);
  CHECK(p.outputs[0].name == "y");
  CHECK(p.outputs[1].name == "h");
}

TEST_CASE("gradient inputs: all inputs by default, else the grad list in input order") {
  Analyzed all = analyze_text("layer a { y[i] := w[i,j] * x[j] + b[i] }");
  CHECK(all.module.layers.at(0).grad_inputs == std::vector<std::string>{"w", "x", "b"});
  Analyzed some = analyze_text("layer a {\n  grad b, w\n  y[i] := w[i,j] * x[j] + b[i]\n}");
  CHECK(some.module.layers.at(0).grad_inputs == std::vector<std::string>{"w", "b"});
  std::vector<ir::ValueId> inputs = some.program().inputs;
  REQUIRE(inputs.size() == 3);
  CHECK(some.program().at(inputs[1]).name == "x");
}

}  // namespace ricci::sema::test

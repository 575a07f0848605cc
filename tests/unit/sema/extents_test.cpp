// Extents: unification through tensor axes, size hints, and sizes read from inputs.
#include <doctest/doctest.h>

#include "sema_test.h"

namespace ricci::sema::test {

TEST_CASE("indices that meet on a tensor axis are one extent, named by the first spelling") {
  Analyzed a = analyze_text(
      "layer a {\n  dims k=8\n  y[i] := B[i,j] * c[j]\n  z[k] := B[k,j] * c[j]\n  w[m] := z[m] * q[n] * q[n]\n}");
  REQUIRE(a.summary().empty());
  const ir::Program& p = a.program();
  REQUIRE(p.extents.size() == 3);
  CHECK(p.extents[0].name == "i");
  CHECK(p.extents[0].hint == 8);
  CHECK(p.extents[1].name == "j");
  CHECK_FALSE(p.extents[1].hint.has_value());
  CHECK(p.extents[2].name == "n");
  for (ir::ValueId id : p.inputs)
    if (p.at(id).name == "B") CHECK(p.at(id).shape == ir::Shape{0, 1});
}

TEST_CASE("conflicting hints within one extent name both indices, both sizes and the link") {
  Analyzed a = analyze_text("layer a {\n  dims i=4, k=5\n  y[i] := B[i,j] * c[j]\n  z[k] := B[k,j] * c[j]\n}");
  CHECK(a.summary() ==
        "2:15: index-size: index `k` has size 5 but denotes the same extent as `i`, which has size 4\n"
        "  2:10: note: `i` has size 4 here\n"
        "  3:13: note: `i` indexes axis 1 of `B` here\n"
        "  4:13: note: `k` indexes axis 1 of `B` here\n");
}

TEST_CASE("a link through an intermediate tensor is explained step by step") {
  Analyzed a = analyze_text("layer a {\n  dims i=4, k=5\n  h[i] := x[i]\n  y[k] := h[k]\n}");
  CHECK(a.summary() ==
        "2:15: index-size: index `k` has size 5 but denotes the same extent as `i`, which has size 4\n"
        "  2:10: note: `i` has size 4 here\n"
        "  3:5: note: `i` indexes axis 1 of `h` here\n"
        "  4:13: note: `k` indexes axis 1 of `h` here\n");
}

TEST_CASE("an extent no input axis carries has no size") {
  Analyzed a = analyze_text("layer a {\n  y[i,j] := x[i]\n  h[k] := 2\n  z[m] := h[m] * x[i] * x[i]\n}");
  CHECK(a.summary() ==
        "2:7: unknown-size: the size of index `j` cannot be determined: it indexes no input\n"
        "3:5: unknown-size: the size of index `k` cannot be determined: it indexes no input\n");
  CHECK(a.covered(0) == "j");
}

TEST_CASE("a scalar-only layer has no extents") {
  Analyzed a = analyze_text("layer a { y := 2 * x + 1 }");
  REQUIRE(a.summary().empty());
  CHECK(a.program().extents.empty());
}

}  // namespace ricci::sema::test

// One run reports every independent error, in every layer, in source order.
#include <doctest/doctest.h>

#include "sema_test.h"

namespace ricci::sema::test {

TEST_CASE("errors of several kinds and layers in one run, sorted by position within a layer") {
  Analyzed a = analyze_text(
      "layer a {\n"
      "  y[i] := x[i,j]\n"
      "  output nope\n"
      "}\n"
      "layer b {\n"
      "  z[k] := w[k] + v[k]\n"
      "  z[k] := w[k,k]\n"
      "}\n"
      "layer a { q := r }\n");
  CHECK(a.summary() ==
        "2:15: unmatched-index: index `j` appears once in this statement and not on the left side; an index is "
        "summed only when it is repeated\n"
        "3:10: unknown-output: `nope` in `output` is not assigned in layer `a`\n"
        "7:3: redefinition: `z` is already defined; use `+=` to accumulate into it\n"
        "  6:3: note: `z` is defined here\n"
        "7:11: rank-mismatch: `w` is used with 2 indices, expected 1 as at its first use\n"
        "  6:11: note: first use of `w` here\n"
        "9:7: duplicate-layer: layer `a` is defined twice\n"
        "  1:7: note: first definition of `a` here\n");
  CHECK(a.module.layers.empty());
}

TEST_CASE("the error limit of the sink stops the analysis cleanly") {
  std::string text = "layer a {\n";
  for (int k = 0; k < 30; ++k) text += "  y" + std::to_string(k) + "[i] := x[j]\n";
  text += "}\nlayer b { y[i] := x[j] }\n";
  Analyzed a = analyze_text(text);
  REQUIRE(a.diags->all().size() == 21);
  CHECK(a.diags->all().back().kind == DiagKind::too_many_errors);
}

}  // namespace ricci::sema::test

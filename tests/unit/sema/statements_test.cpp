// Definitions before use, `:=` versus `+=`, left-side indices and ranks.
#include <doctest/doctest.h>

#include "sema_test.h"

namespace ricci::sema::test {

TEST_CASE("redefinition, accumulation into an undefined tensor, reads before the definition") {
  Analyzed a = analyze_text(
      "layer a {\n  y[i] := x[i]\n  y[i] := x[i]\n  z[i] += x[i]\n  w[i] := v[i] + w[i]\n  v[i] := x[i]\n}");
  CHECK(a.summary() ==
        "3:3: redefinition: `y` is already defined; use `+=` to accumulate into it\n"
        "  2:3: note: `y` is defined here\n"
        "4:3: accumulate-undefined: `+=` to `z`, which is not defined yet; define it with `:=` first\n"
        "5:11: use-before-definition: `v` is read before it is defined\n"
        "  6:3: note: `v` is defined here\n"
        "5:18: use-before-definition: `w` is read in its own definition\n"
        "  5:3: note: `w` is defined here\n");
  CHECK(a.covered(0) == "y[i]");
  CHECK(a.covered(2) == "v[i]");
}

TEST_CASE("`+=` may read the tensor it accumulates into: the old value") {
  Analyzed a = analyze_text("layer a {\n  y[i] := x[i]\n  y[i] += y[i] * x[i]\n}");
  CHECK(a.summary().empty());
  CHECK(a.ir() ==
        "layer a evaluate\n"
        "extents i\n"
        "%0 x = input [i]\n"
        "%1 = contract 1 * %0[i] %0[i] -> [i]\n"
        "%2 y = add %0 %1\n"
        "output y = %2\n");
}

TEST_CASE("a repeated index on the left side") {
  Analyzed a = analyze_text("layer a {\n  y[i,j,i] := x[i] * z[j]\n}");
  CHECK(a.summary() ==
        "2:9: repeated-lhs-index: index `i` is repeated on the left side of `y`; each result axis needs its "
        "own index\n"
        "  2:5: note: first use of `i` here\n");
}

TEST_CASE("a tensor used with two ranks is reported at each disagreeing use") {
  Analyzed a = analyze_text("layer a {\n  y[i] := x[i]\n  z[i] := x[i,j] * q[j] + x * y[i,i]\n}");
  CHECK(a.summary() ==
        "3:11: rank-mismatch: `x` is used with 2 indices, expected 1 as at its first use\n"
        "  2:11: note: first use of `x` here\n"
        "3:27: rank-mismatch: `x` is used with 0 indices, expected 1 as at its first use\n"
        "  2:11: note: first use of `x` here\n"
        "3:31: rank-mismatch: `y` is used with 2 indices, expected 1 as at its first use\n"
        "  2:3: note: first use of `y` here\n");
  CHECK(a.covered(0) == "x[i,j]");
}

TEST_CASE("an access range ends at its bracket, across blanks and comments") {
  Analyzed a = analyze_text("layer a {\n  y[i] := x[i]\n  z[i] := x[i, # one\n  j ] * q[j]\n  w := s[ ] * y[]\n}");
  REQUIRE(a.diags->all().size() == 2);
  CHECK(a.covered(0) == "x[i, # one\n  j ]");
  CHECK(a.covered(1) == "y[]");
}

}  // namespace ricci::sema::test

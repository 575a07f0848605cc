// Lowering to IR, checked by the printed program.
#include <doctest/doctest.h>

#include "sema_test.h"

namespace ricci::sema::test {

std::string lowered(const char* text) {
  Analyzed a = analyze_text(text);
  REQUIRE(a.summary().empty());
  REQUIRE(a.module.layers.size() == 1);
  return a.ir();
}

TEST_CASE("a product term is one n-ary contraction, with a trace read as a diagonal") {
  CHECK(lowered("layer bilinear { A[i,k] := B[i,j] * C[j,k] * D[l,l] }") ==
        "layer bilinear evaluate\n"
        "extents i k j l\n"
        "%0 B = input [i,j]\n"
        "%1 C = input [j,k]\n"
        "%2 D = input [l,l]\n"
        "%3 A = contract 1 * %0[i,j] %1[j,k] %2[l,l] -> [i,k]\n"
        "output A = %3\n");
}

TEST_CASE("numbers and minus signs fold into the coefficient; `/ f` is powi(f, -1)") {
  CHECK(lowered("layer a { y[j,i] := -2 * x[i,j] / (3 * z[i]) / 4 * -s }") ==
        "layer a evaluate\n"
        "extents j i\n"
        "%0 x = input [i,j]\n"
        "%1 z = input [i]\n"
        "%2 s = input []\n"
        "%3 = contract 3 * %1[i] -> [i]\n"
        "%4 = map powi -1 %3\n"
        "%5 y = contract 0.5 * %0[i,j] %4[i] %2[] -> [j,i]\n"
        "output y = %5\n");
}

TEST_CASE("a sum adds its terms, each broadcast to the left side; subtraction negates") {
  CHECK(lowered("layer mlp {\n  dims b=256, i=512, o=512\n  h[b,o] := W[o,i] * x[b,i] - bias[o] + 1\n"
                "  y[b,o] := tanh(h[b,o])\n}") ==
        "layer mlp evaluate\n"
        "extents b=256 o=512 i=512\n"
        "%0 W = input [o,i]\n"
        "%1 x = input [b,i]\n"
        "%2 bias = input [o]\n"
        "%3 = contract 1 * %0[o,i] %1[b,i] -> [b,o]\n"
        "%4 = contract -1 * %2[o] -> [b,o]\n"
        "%5 = contract 1 -> [b,o]\n"
        "%6 h = add %3 %4 %5\n"
        "%7 y = map tanh %6\n"
        "output y = %7\n");
}

TEST_CASE("calls and powers are lowered first and become operands labelled by their free indices") {
  CHECK(lowered("layer a { y[b] := tanh(W[o,i] * x[b,i]) * v[o] + x[b,j]^2 * u[j] }") ==
        "layer a evaluate\n"
        "extents b o i\n"
        "%0 W = input [o,i]\n"
        "%1 x = input [b,i]\n"
        "%2 v = input [o]\n"
        "%3 u = input [i]\n"
        "%4 = contract 1 * %0[o,i] %1[b,i] -> [o,b]\n"
        "%5 = map tanh %4\n"
        "%6 = contract 1 * %5[o,b] %2[o] -> [b]\n"
        "%7 = map powi 2 %1\n"
        "%8 = contract 1 * %7[b,j] %3[j] -> [b]\n"
        "%9 y = add %6 %8\n"
        "output y = %9\n");
}

TEST_CASE("a nested sum is one value over its free indices in first-occurrence order") {
  CHECK(lowered("layer a { y[i] := (x[j] - z[i]) * w[j] }") ==
        "layer a evaluate\n"
        "extents i j\n"
        "%0 x = input [j]\n"
        "%1 z = input [i]\n"
        "%2 w = input [j]\n"
        "%3 = contract 1 * %0[j] -> [j,i]\n"
        "%4 = contract -1 * %1[i] -> [j,i]\n"
        "%5 = add %3 %4\n"
        "%6 y = contract 1 * %5[j,i] %2[j] -> [i]\n"
        "output y = %6\n");
}

TEST_CASE("a parenthesised product is its own contraction; a trace inside a call is summed there") {
  CHECK(lowered("layer a { s := x[i] * (y[i] * z[i]) * exp(D[l,l]) }") ==
        "layer a evaluate\n"
        "extents i l\n"
        "%0 x = input [i]\n"
        "%1 y = input [i]\n"
        "%2 z = input [i]\n"
        "%3 D = input [l,l]\n"
        "%4 = contract 1 * %1[i] %2[i] -> [i]\n"
        "%5 = contract 1 * %3[l,l] -> []\n"
        "%6 = map exp %5\n"
        "%7 s = contract 1 * %0[i] %4[i] %6[] -> []\n"
        "output s = %7\n");
}

TEST_CASE("a diagonal read with the index on the left") {
  CHECK(lowered("layer a { d[i] := D[i,i] }") ==
        "layer a evaluate\n"
        "extents i\n"
        "%0 D = input [i,i]\n"
        "%1 d = contract 1 * %0[i,i] -> [i]\n"
        "output d = %1\n");
}

TEST_CASE("statements chain through named results; `+=` adds to the newest version") {
  CHECK(lowered("layer a {\n  A[i,j] := B[i,j] * c\n  A[j,i] += B[i,j]\n  C[i,j] := A[i,j] * A[i,j]\n}") ==
        "layer a evaluate\n"
        "extents i\n"
        "%0 B = input [i,i]\n"
        "%1 c = input []\n"
        "%2 A = contract 1 * %0[i,j] %1[] -> [i,j]\n"
        "%3 = contract 1 * %0[i,j] -> [j,i]\n"
        "%4 A = add %2 %3\n"
        "%5 C = contract 1 * %4[i,j] %4[i,j] -> [i,j]\n"
        "output C = %5\n");
}

TEST_CASE("inputs come in order of first read; a left-side index may broadcast") {
  CHECK(lowered("layer a {\n  h[i,j] := q[j] * 2\n  y[i,j] := h[i,j] * p[i]\n}") ==
        "layer a evaluate\n"
        "extents i j\n"
        "%0 q = input [j]\n"
        "%1 p = input [i]\n"
        "%2 h = contract 2 * %0[j] -> [i,j]\n"
        "%3 y = contract 1 * %2[i,j] %1[i] -> [i,j]\n"
        "output y = %3\n");
}

TEST_CASE("the layer records the line of `layer` and the source name") {
  Analyzed a = analyze_text("# comment\n\nlayer a {\n  y := x\n}\nlayer b { y := 2 * x }");
  REQUIRE(a.module.layers.size() == 2);
  CHECK(a.module.source_name == "t.ricci");
  CHECK(a.module.layers[0].line == 3);
  CHECK(a.module.layers[1].name == "b");
  CHECK(a.module.layers[1].line == 6);
  CHECK(a.module.layers[0].evaluate.outputs.at(0).name == "y");
}

}  // namespace ricci::sema::test

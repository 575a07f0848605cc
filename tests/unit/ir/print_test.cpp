// print_ir and print_math on small hand-built programs, compared as exact strings.
#include <doctest/doctest.h>

#include "ir/builder.h"
#include "ir/ir_api.h"

namespace ricci::ir {
namespace {

LabelInfo label(const char* name, ExtentId e) { return LabelInfo{name, e}; }

// layer mlp { h[b,o] := W[o,i] * x[b,i] + bias[o]; y[b,o] := tanh(h[b,o]) }, with h unnamed
// when `name_h` is false.
Program mlp(bool name_h) {
  Builder b({{"b", 256}, {"i", 512}, {"o", {}}});
  ValueId W = b.input("W", {2, 1});
  ValueId x = b.input("x", {0, 1});
  ValueId bias = b.input("bias", {2});
  std::vector<LabelInfo> labels{label("b", 0), label("i", 1), label("o", 2)};
  ValueId wx = b.contract(1, {{W, {2, 1}}, {x, {0, 1}}}, {0, 2}, labels);
  ValueId bb = b.contract(1, {{bias, {1}}}, {0, 1}, {label("b", 0), label("o", 2)});
  ValueId h = b.add({wx, bb}, name_h ? "h" : "");
  b.output("y", b.map(Fn::tanh, h));
  return b.finish("mlp", ProgramKind::evaluate);
}

// layer bilinear { A[i,k] := B[i,j] * C[j,k] * D[l,l] } with the trace as its own value.
Program bilinear() {
  Builder b({{"i", {}}, {"j", {}}, {"k", {}}, {"l", {}}});
  ValueId B = b.input("B", {0, 1});
  ValueId C = b.input("C", {1, 2});
  ValueId D = b.input("D", {3, 3});
  ValueId tr = b.contract(1, {{D, {0, 0}}}, {}, {label("l", 3)}, "trD");
  b.output("A", b.contract(1, {{B, {0, 1}}, {C, {1, 2}}, {tr, {}}}, {0, 2},
                           {label("i", 0), label("j", 1), label("k", 2)}));
  return b.finish("bilinear", ProgramKind::evaluate);
}

TEST_CASE("print_ir: header, extents with hints, one line per value, outputs") {
  CHECK(print_ir(mlp(true)) ==
        "layer mlp evaluate\n"
        "extents b=256 i=512 o\n"
        "%0 W = input [o,i]\n"
        "%1 x = input [b,i]\n"
        "%2 bias = input [o]\n"
        "%3 = contract 1 * %0[o,i] %1[b,i] -> [b,o]\n"
        "%4 = contract 1 * %2[o] -> [b,o]\n"
        "%5 h = add %3 %4\n"
        "%6 = map tanh %5\n"
        "output y = %6\n");
}

TEST_CASE("print_ir: constants, extent factors, powi and primed labels") {
  Builder b({{"i", {}}, {"l", {}}});
  ValueId x = b.input("x", {0});
  ValueId c = b.contract(-2.5, {}, {}, {label("l", 1)});
  ValueId inv = b.map(Fn::powi, x, -1);
  ValueId outer = b.contract(1, {{x, {0}}, {inv, {1}}}, {0, 1}, {label("i", 0), label("i", 0)});
  b.output("c", c);
  b.output("o", outer);
  b.output("k", b.constant(2, {0}));
  CHECK(print_ir(b.finish("t", ProgramKind::pullback2)) ==
        "layer t pullback2\n"
        "extents i l\n"
        "%0 x = input [i]\n"
        "%1 = contract -2.5 * |l| -> []\n"
        "%2 = map powi -1 %0\n"
        "%3 = contract 1 * %0[i] %2[i'] -> [i,i']\n"
        "%4 = contract 2 -> [i]\n"
        "output c = %1\n"
        "output o = %3\n"
        "output k = %4\n");
}

TEST_CASE("print_math: named values are statements, inputs are not") {
  CHECK(print_math(bilinear()) ==
        "trD := D[l,l]\n"
        "A[i,k] := B[i,j] * C[j,k] * trD\n");
  CHECK(print_math(mlp(true)) ==
        "h[b,o] := W[o,i] * x[b,i] + bias[o]\n"
        "y[b,o] := tanh(h[b,o])\n");
}

TEST_CASE("print_math: unnamed single-use values are inlined") {
  CHECK(print_math(mlp(false)) == "y[b,o] := tanh(W[o,i] * x[b,i] + bias[o])\n");
}

TEST_CASE("print_math: coefficients, subtraction, powers and step/sign") {
  Builder b({{"i", {}}, {"j", {}}});
  ValueId x = b.input("x", {0});
  ValueId A = b.input("A", {0, 0});
  ValueId two_x = b.contract(2, {{x, {0}}}, {0}, {label("i", 0)});
  ValueId minus_ax = b.contract(-1, {{A, {0, 1}}, {x, {1}}}, {0}, {label("i", 0), label("j", 0)});
  ValueId neg_half = b.contract(-0.5, {{b.map(Fn::step, x), {0}}}, {0}, {label("i", 0)});
  ValueId inv = b.map(Fn::powi, b.map(Fn::sign, x), -1);
  b.output("E", b.add({two_x, minus_ax, neg_half, inv}));
  CHECK(print_math(b.finish("t", ProgramKind::evaluate)) ==
        "E[i] := 2 * x[i] - A[i,j] * x[j] - 0.5 * step(x[i]) + sign(x[i])^-1\n");
}

TEST_CASE("print_math: shared unnamed values become tmp1, tmp2; summed names stay apart") {
  Builder b({{"i", {}}, {"j", {}}});
  ValueId A = b.input("A", {0, 1});
  ValueId v = b.input("v", {1});
  std::vector<LabelInfo> ij{label("i", 0), label("j", 1)};
  ValueId av = b.contract(1, {{A, {0, 1}}, {v, {1}}}, {0}, ij);  // used twice
  ValueId sq = b.contract(1, {{av, {0}}, {av, {0}}}, {0}, {label("i", 0)});
  // The inlined row sum of A sits beside A[i,j] * v[j]: its j must not clash.
  ValueId rows = b.contract(1, {{A, {0, 1}}}, {0}, ij);
  ValueId both = b.contract(1, {{rows, {0}}, {A, {0, 1}}, {v, {1}}}, {0}, ij);
  b.output("s", sq);
  b.output("t", b.contract(1, {{both, {0}}}, {}, {label("i", 0)}));
  CHECK(print_math(b.finish("t", ProgramKind::evaluate)) ==
        "tmp1[i] := A[i,j] * v[j]\n"
        "s[i] := tmp1[i] * tmp1[i]\n"
        "t := A[i,j'] * A[i,j] * v[j]\n");
}

TEST_CASE("print_math: diagonal writes, primes, aliases of inputs and outputs") {
  Builder b(std::vector<Extent>{Extent{"l", {}}});
  ValueId g = b.input("g", {});
  ValueId x = b.input("x", {0});
  b.output("dD", b.contract(1, {{g, {}}}, {0, 0}, {label("l", 0)}));
  b.output("o", b.contract(1, {{x, {0}}, {x, {1}}}, {0, 1}, {label("l", 0), label("l", 0)}));
  b.output("y", x);
  CHECK(print_math(b.finish("t", ProgramKind::pullback)) ==
        "dD[l,l] := g\n"
        "o[l,l'] := x[l] * x[l']\n"
        "y[l] := x[l]\n");
}

}  // namespace
}  // namespace ricci::ir

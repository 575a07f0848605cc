// optimize(): pairwise products, trace hoisting, sharing, -O0, and FLOP counts by hand.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "ir/ir_api.h"
#include "opt/cost.h"
#include "opt_test.h"

namespace ricci::opt {
namespace {

using ir::ProgramKind;
using test::derive;
using test::parse_layer;

std::size_t max_operands(const ir::Program& p) {
  std::size_t n = 0;
  for (const ir::Value& v : p.values)
    if (const auto* c = std::get_if<ir::Contract>(&v.op)) n = std::max(n, c->operands.size());
  return n;
}

double flops(const ir::Program& p, const OptOptions& o) {
  Count c = program_flops(p, extent_sizes(p.extents, o.sizes));
  REQUIRE(c.is_number());
  return c.number();
}

// The Contracts of `p` costing at least `threshold` FLOPs each.
int steps_above(const ir::Program& p, const OptOptions& o, double threshold) {
  ExtentSizes sizes = extent_sizes(p.extents, o.sizes);
  int n = 0;
  for (std::size_t k = 0; k < p.values.size(); ++k)
    if (value_flops(p, static_cast<ir::ValueId>(k), sizes).number() >= threshold) ++n;
  return n;
}

const char* const kBilinear = "layer bilinear {\n  A[i,k] := B[i,j] * C[j,k] * D[l,l]\n}\n";

TEST_CASE("bilinear: one matrix product and an O(l) trace; the pullback computes no product twice") {
  OptOptions o{1, {{"i", 256}, {"j", 256}, {"k", 256}, {"l", 64}}};
  ir::Layer layer = parse_layer(kBilinear);
  ir::Program evaluate = derive(layer, ProgramKind::evaluate, o);
  ir::Program pullback = derive(layer, ProgramKind::pullback, o);
  const double n3 = 2.0 * 256 * 256 * 256;  // one 256^3 matrix product: 33554432

  // evaluate: trD := D[l,l] (64); C_trD[j,k] := C[j,k] * trD (256*256 = 65536: a scaling
  //           multiplies and sums nothing);
  //           A[i,k] := B[i,j] * C_trD[j,k] (2*256^3 = 33554432).
  CHECK(ir::print_math(evaluate) ==
        "trD := D[l,l]\n"
        "C_trD[j,k] := C[j,k] * trD\n"
        "A[i,k] := B[i,j] * C_trD[j,k]\n");
  CHECK(flops(evaluate, o) == 64 + 65536 + 33554432);
  CHECK(steps_above(evaluate, o, n3) == 1);

  // pullback: trD and C_trD again (64 + 65536), d_C_trD := d_A * B (33554432),
  // d_trD := d_C_trD * C (2*256*256 = 131072), d_D[l,l] := d_trD (64), d_C := d_C_trD * trD
  // (65536),
  // d_B := d_A * C_trD (33554432): two matrix products, against TensorGrad's three.
  CHECK(ir::print_math(pullback) ==
        "trD := D[l,l]\n"
        "C_trD[j,k] := C[j,k] * trD\n"
        "d_C_trD[j,k] := d_A[i,k] * B[i,j]\n"
        "d_trD := d_C_trD[j,k] * C[j,k]\n"
        "d_D[l,l] := d_trD\n"
        "d_C[j,k] := d_C_trD[j,k] * trD\n"
        "d_B[i,j] := d_A[i,k] * C_trD[j,k]\n");
  CHECK(flops(pullback, o) == 64 + 65536 + 33554432 + 131072 + 64 + 65536 + 33554432);
  CHECK(steps_above(pullback, o, n3) == 2);
  CHECK(flops(pullback, o) <= 2.01 * flops(evaluate, o));
}

TEST_CASE("bilinear at -O0: the product as written, the trace inside the triple loop") {
  OptOptions o{0, {{"i", 256}, {"j", 256}, {"k", 256}, {"l", 64}}};
  ir::Program evaluate = derive(parse_layer(kBilinear), ProgramKind::evaluate, o);
  CHECK(max_operands(evaluate) == 3);
  CHECK(flops(evaluate, o) == 3.0 * 256 * 256 * 256 * 64);
}

TEST_CASE("a chain of four matrices: the pullback costs at most three evaluates") {
  ir::Layer layer = parse_layer("layer chain {\n  Y[a,e] := A[a,b] * B[b,c] * C[c,d] * D[d,e]\n}\n");
  OptOptions o{1, {{"a", 256}, {"b", 256}, {"c", 256}, {"d", 256}, {"e", 256}}};
  const double n3 = 2.0 * 256 * 256 * 256;
  double evaluate = flops(derive(layer, ProgramKind::evaluate, o), o);
  double pullback = flops(derive(layer, ProgramKind::pullback, o), o);
  CHECK(evaluate == 3 * n3);
  // Two intermediates recomputed, two cotangent products per step: 8 matrix products.
  CHECK(pullback == 8 * n3);
  CHECK(pullback <= 3 * evaluate);
}

TEST_CASE("size hints pick the order: the cheap dimension first") {
  ir::Layer layer = parse_layer(
      "layer hinted {\n  dims a=10, b=1000, c=10, d=1000\n  Y[a,d] := A[a,b] * B[b,c] * C[c,d]\n}\n");
  ir::Program p = derive(layer, ProgramKind::evaluate, {});
  CHECK(ir::print_math(p) == "AB[a,c] := A[a,b] * B[b,c]\nY[a,d] := AB[a,c] * C[c,d]\n");
  // --dims overrides the hints: now b and d are small.
  OptOptions o{1, {{"a", 1000}, {"b", 10}, {"c", 1000}, {"d", 10}}};
  CHECK(ir::print_math(derive(layer, ProgramKind::evaluate, o)) ==
        "BC[b,d] := B[b,c] * C[c,d]\nY[a,d] := A[a,b] * BC[b,d]\n");
}

TEST_CASE("trace hoisting: a factor's own summed labels are reduced first") {
  ir::Layer layer = parse_layer("layer t {\n  y[i] := D[l,l] * v[i] * E[i,m,m] * F[i,i]\n}\n");
  std::string math = ir::print_math(derive(layer, ProgramKind::evaluate, {}));
  CHECK(math.find("trD := D[l,l]") != std::string::npos);
  CHECK(math.find("sumE[i] := E[i,m,m]") != std::string::npos);
}

TEST_CASE("an intermediate takes the axis order of the operand it is multiplied with next") {
  // BC has A's labels: stored [i,j] like A, the final sum walks both in memory order.
  ir::Layer trace = parse_layer("layer trace3 {\n  t := A[i,j] * B[j,k] * C[k,i]\n}\n");
  OptOptions o{1, {{"i", 256}, {"j", 256}, {"k", 256}}};
  CHECK(ir::print_math(derive(trace, ProgramKind::evaluate, o)) ==
        "BC[i,j] := B[j,k] * C[k,i]\n"
        "t := A[i,j] * BC[i,j]\n");
  // An operand with other labels leaves the order of first appearance.
  ir::Layer chain = parse_layer("layer chain {\n  Y[a,d] := A[a,b] * B[b,c] * C[c,d]\n}\n");
  OptOptions sizes{1, {{"a", 1000}, {"b", 10}, {"c", 1000}, {"d", 10}}};
  CHECK(ir::print_math(derive(chain, ProgramKind::evaluate, sizes)) ==
        "BC[b,d] := B[b,c] * C[c,d]\nY[a,d] := A[a,b] * BC[b,d]\n");
}

TEST_CASE("products already computed are reused, whatever their operand order and index names") {
  ir::Layer layer =
      parse_layer("layer t {\n  u[k,i] := C[q,k] * B[i,q]\n  v[i,k] := B[i,j] * C[j,k] * w[k]\n}\n");
  OptOptions o{1, {{"i", 100}, {"q", 100}, {"k", 100}}};
  ir::Program p = derive(layer, ProgramKind::evaluate, o);
  // One matrix product (2*10^6) and the scaling of its columns by w (10^4).
  CHECK(flops(p, o) == 2e6 + 1e4);
}

TEST_CASE("a product computed before in another order is the same value") {
  ir::Layer layer =
      parse_layer("layer t {\n  u[i,k] := B[i,j] * C[j,k] * w[k]\n  v[k,i] := w[k] * C[j,k] * B[i,j]\n}\n");
  OptOptions o{1, {{"i", 100}, {"j", 100}, {"k", 100}}};
  ir::Program p = derive(layer, ProgramKind::evaluate, o);
  // u's plan, then v as its transpose (a unary step of 10^4).
  CHECK(flops(p, o) == 2e6 + 1e4 + 1e4);
}

TEST_CASE("100,000 factors: O(log n) values in every program") {
  std::string text = "layer big {\n  s[i] := x[i]";
  for (int k = 1; k < 100000; ++k) text += " * x[i]";
  text += "\n}\n";
  ir::Layer layer = parse_layer(text);
  ir::Layer optimized = test::optimized(layer, {});
  CHECK(optimized.evaluate.values.size() < 40);
  for (ProgramKind kind : test::kPrograms) {
    ir::Program p =
        kind == ProgramKind::evaluate ? optimized.evaluate : optimize(ad::differentiate(optimized, kind), {});
    CHECK(max_operands(p) <= 2);
    CHECK(p.values.size() < 200);
  }
}

TEST_CASE("-O0 keeps products of up to eight factors and splits longer ones left to right") {
  ir::Layer layer = parse_layer(
      "layer t {\n  y := a[i] * b[i] * c[i] * d[i] * e[i] * f[i] * g[i] * h[i]\n"
      "  z := a[i] * b[i] * c[i] * d[i] * e[i] * f[i] * g[i] * h[i] * q[i]\n}\n");
  ir::Program p = derive(layer, ProgramKind::evaluate, {0, {}});
  CHECK(max_operands(p) == 8);
  int pairwise = 0;
  for (const ir::Value& v : p.values)
    if (const auto* c = std::get_if<ir::Contract>(&v.op)) pairwise += c->operands.size() == 2 ? 1 : 0;
  CHECK(pairwise == 8);
  for (ProgramKind kind : test::kPrograms) CHECK(max_operands(derive(layer, kind, {0, {}})) <= 8);
}

TEST_CASE("a program with nothing to plan is returned as it is") {
  ir::Layer layer =
      parse_layer("layer t {\n  h[b,o] := W[o,i] * x[b,i] + bias[o]\n  y[b,o] := tanh(h[b,o])\n}\n");
  ir::Program once = optimize(layer.evaluate, {});
  CHECK(ir::print_ir(once) == ir::print_ir(layer.evaluate));
  ir::Layer chain = parse_layer("layer c {\n  Y[a,e] := A[a,b] * B[b,c] * C[c,e]\n}\n");
  ir::Program optimized = optimize(chain.evaluate, {});
  CHECK(ir::print_ir(optimize(optimized, {})) == ir::print_ir(optimized));
}

}  // namespace
}  // namespace ricci::opt

// Kronecker-delta contraction: a product reading a diagonal write reads what was written.
#include <doctest/doctest.h>

#include <algorithm>
#include <variant>

#include "ir/builder.h"
#include "opt/cost.h"
#include "opt/delta.h"
#include "opt_test.h"

namespace ricci::opt {
namespace {

using ir::Contract;
using ir::LabelInfo;
using ir::Operand;

TEST_CASE("a diagonal write read by a product: its labels are identified") {
  ir::Builder b({{"i", std::nullopt}});
  ir::ValueId ds = b.input("d_s", {});
  ir::ValueId y = b.input("y", {0});
  // d_t[i,i] := 3 * d_s;  g[i] := 2 * d_t[i,j] * y[j]   =>   g[i] := 6 * d_s * y[i]
  ir::ValueId dt = b.contract(3, {Operand{ds, {}}}, {0, 0}, {LabelInfo{"i", 0}}, "d_t");
  Contract g{2, {Operand{dt, {0, 1}}, Operand{y, {1}}}, {0}, {LabelInfo{"i", 0}, LabelInfo{"j", 0}}};
  Contract merged = contract_deltas(b, g);
  CHECK(merged.coeff == 6);
  REQUIRE(merged.operands.size() == 2);
  CHECK(merged.operands[0].value == ds);
  CHECK(merged.operands[0].labels.empty());
  CHECK(merged.operands[1].value == y);
  CHECK(merged.operands[1].labels == std::vector<ir::Label>{0});
  CHECK(merged.out == std::vector<ir::Label>{0});
  CHECK(merged.labels.size() == 1);
}

TEST_CASE("a delta's own summed labels become labels of the product; a result may write the diagonal") {
  ir::Builder b({{"i", std::nullopt}, {"k", std::nullopt}});
  ir::ValueId a = b.input("A", {0, 1});
  ir::ValueId v = b.input("v", {1});
  // t[i,i] := A[i,k] * v[k];  g[p,q] := t[p,q]   =>   g[p,p] := A[p,k] * v[k]
  ir::ValueId t = b.contract(1, {Operand{a, {0, 1}}, Operand{v, {1}}}, {0, 0},
                             {LabelInfo{"i", 0}, LabelInfo{"k", 1}}, "t");
  Contract g{1, {Operand{t, {0, 1}}}, {0, 1}, {LabelInfo{"p", 0}, LabelInfo{"q", 0}}};
  Contract merged = contract_deltas(b, g);
  REQUIRE(merged.operands.size() == 2);
  CHECK(merged.operands[0].labels == std::vector<ir::Label>{0, 1});
  CHECK(merged.operands[1].labels == std::vector<ir::Label>{1});
  CHECK(merged.out == std::vector<ir::Label>{0, 0});
  REQUIRE(merged.labels.size() == 2);
  CHECK(merged.labels[0].name == "p");
  CHECK(merged.labels[1].extent == 1);
}

TEST_CASE("a product without a diagonal write is returned as it is") {
  ir::Builder b({{"i", std::nullopt}});
  ir::ValueId x = b.input("x", {0});
  Contract c{1, {Operand{x, {0}}, Operand{x, {0}}}, {}, {LabelInfo{"i", 0}}};
  Contract same = contract_deltas(b, c);
  CHECK(same.operands.size() == 2);
  CHECK(same.labels.size() == 1);
  CHECK(same.out.empty());
}

// True when some Contract of `p` reads a value that writes a diagonal.
bool reads_a_delta(const ir::Program& p) {
  for (const ir::Value& v : p.values) {
    const auto* c = std::get_if<Contract>(&v.op);
    if (c == nullptr) continue;
    for (const Operand& o : c->operands) {
      const auto* inner = std::get_if<Contract>(&p.at(o.value).op);
      if (inner == nullptr) continue;
      std::vector<ir::Label> out = inner->out;
      std::sort(out.begin(), out.end());
      if (std::adjacent_find(out.begin(), out.end()) != out.end()) return true;
    }
  }
  return false;
}

TEST_CASE("the pullback of a diagonal read of an intermediate contracts the delta away") {
  // d_t[i,i] := d_s is read by d_x[i] := d_t[i,j] * y[j]: O(i^2) at -O0, O(i) after.
  ir::Layer layer = test::parse_layer("layer diag {\n  t[i,j] := x[i] * y[j]\n  s := t[i,i]\n}");
  OptOptions o0{0, {}}, o1{1, {{"i", 100}}};
  ir::Program slow = test::derive(layer, ir::ProgramKind::pullback, o0);
  ir::Program fast = test::derive(layer, ir::ProgramKind::pullback, o1);
  CHECK(reads_a_delta(slow));
  CHECK_FALSE(reads_a_delta(fast));
  CHECK(program_flops(fast, extent_sizes(fast.extents, o1.sizes)).number() == 2 * 100);
  for (ir::ProgramKind kind : test::kPrograms) {
    ir::Program a = test::derive(layer, kind, o0), b = test::derive(layer, kind, o1);
    test::Arrays in = test::draw_inputs(a, 5);
    INFO(ir::program_name(kind));
    CHECK(test::max_error(interp::run<double>(b, in), interp::run<double>(a, in)) < 1e-12);
  }
}

}  // namespace
}  // namespace ricci::opt

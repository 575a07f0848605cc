// verify(): a finished program passes; each kind of breakage is an internal error.
#include <doctest/doctest.h>

#include "ir/builder.h"
#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::ir {
namespace {

// %0 B[i,j], %1 x[j], %2 = B[i,j] * x[j] -> [i], %3 = exp %2, %4 = add %2 %3
Program sample() {
  Builder b({{"i", {}}, {"j", {}}});
  ValueId B = b.input("B", {0, 1});
  ValueId x = b.input("x", {1});
  ValueId bx = b.contract(1, {{B, {0, 1}}, {x, {1}}}, {0}, {{"i", 0}, {"j", 1}});
  b.output("y", b.add({bx, b.map(Fn::exp, bx)}));
  return b.finish("sample", ProgramKind::evaluate);
}

Contract& contract_at(Program& p, std::size_t i) { return std::get<Contract>(p.values[i].op); }

TEST_CASE("verify: a built program is valid") { CHECK_NOTHROW(verify(sample())); }

TEST_CASE("verify: broken contracts") {
  Program p = sample();
  SUBCASE("rank") { contract_at(p, 2).operands[0].labels = {0}; }
  SUBCASE("label extent against operand shape") { contract_at(p, 2).labels[1].extent = 0; }
  SUBCASE("label out of range") { contract_at(p, 2).out = {3}; }
  SUBCASE("unknown extent") { contract_at(p, 2).labels[0].extent = 7; }
  SUBCASE("shape disagrees with out labels") { p.values[2].shape = {1}; }
  SUBCASE("operand after its user (SSA order)") { contract_at(p, 2).operands[1].value = 3; }
  CHECK_THROWS_AS(verify(p), InternalError);
}

TEST_CASE("verify: broken maps and adds") {
  Program p = sample();
  SUBCASE("exponent without powi") { std::get<Map>(p.values[3].op).exponent = 2; }
  SUBCASE("map of a later value") { std::get<Map>(p.values[3].op).arg = 4; }
  SUBCASE("add of different shapes") { std::get<Add>(p.values[4].op).terms = {2, 0}; }
  SUBCASE("empty add") { std::get<Add>(p.values[4].op).terms.clear(); }
  CHECK_THROWS_AS(verify(p), InternalError);
}

TEST_CASE("verify: inputs and outputs") {
  Program p = sample();
  SUBCASE("an input not listed") { p.inputs = {0}; }
  SUBCASE("an input listed twice") { p.inputs = {0, 1, 1}; }
  SUBCASE("a listed input that is not one") { p.inputs = {0, 1, 2}; }
  SUBCASE("two inputs with one name") { std::get<Input>(p.values[1].op) = std::get<Input>(p.values[0].op); }
  SUBCASE("output of an unknown value") { p.outputs[0].value = 9; }
  SUBCASE("unnamed output") { p.outputs[0].name.clear(); }
  SUBCASE("two outputs with one name") { p.outputs.push_back(p.outputs[0]); }
  CHECK_THROWS_AS(verify(p), InternalError);
}

TEST_CASE("verify: the message names the internal error and its place") {
  Program p = sample();
  p.values[2].shape = {1};
  CHECK_THROWS_WITH(verify(p), doctest::Contains("internal compiler error: %2 has a shape"));
}

}  // namespace
}  // namespace ricci::ir

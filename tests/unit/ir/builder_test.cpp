// Builder: checks, folding and uniquing, one rule per case.
#include <doctest/doctest.h>

#include "ir/builder.h"
#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::ir {
namespace {

// Extents i, j, k, l and inputs B[i,j], C[j,k], D[l,l], x[i].
struct Fixture {
  Builder b{{{"i", {}}, {"j", {}}, {"k", {}}, {"l", {}}}};
  ValueId B = b.input("B", {0, 1});
  ValueId C = b.input("C", {1, 2});
  ValueId D = b.input("D", {3, 3});
  ValueId x = b.input("x", {0});

  static LabelInfo label(const char* name, ExtentId e) { return LabelInfo{name, e}; }
  // B[i,j] * C[j,k] -> [i,k], with the given coefficient
  ValueId product(double coeff = 1, std::string name = "") {
    return b.contract(coeff, {{B, {0, 1}}, {C, {1, 2}}}, {0, 2},
                      {label("i", 0), label("j", 1), label("k", 2)}, std::move(name));
  }
  const Contract& contract_of(ValueId id) const { return std::get<Contract>(b.at(id).op); }
};

TEST_CASE("contract: result shape is the extents of the out labels") {
  Fixture f;
  ValueId a = f.product();
  CHECK(f.b.at(a).shape == Shape{0, 2});
  ValueId tr = f.b.contract(1, {{f.D, {0, 0}}}, {}, {Fixture::label("l", 3)});
  CHECK(f.b.at(tr).shape.empty());
}

TEST_CASE("contract: identical products are one value, whatever the label names and numbers") {
  Fixture f;
  ValueId a = f.product(1, "A");
  ValueId again = f.b.contract(1, {{f.B, {2, 0}}, {f.C, {0, 1}}}, {2, 1},
                               {Fixture::label("q", 1), Fixture::label("r", 2), Fixture::label("p", 0)},
                               "other");
  CHECK(again == a);
  CHECK(f.b.at(a).name == "A");  // the first name wins
  CHECK(f.product(2) != a);      // coefficients are part of the identity
  CHECK(f.b.contract(1, {{f.C, {1, 2}}, {f.B, {0, 1}}}, {0, 2},
                     {Fixture::label("i", 0), Fixture::label("j", 1), Fixture::label("k", 2)}) != a);
}

TEST_CASE("contract: an unnamed value takes the name of a later identical one") {
  Fixture f;
  ValueId a = f.product();
  CHECK(f.product(1, "h") == a);
  CHECK(f.b.at(a).name == "h");
}

TEST_CASE("contract: summed labels of different extents are different values") {
  Fixture f;
  ValueId over_j = f.b.contract(1, {{f.x, {0}}}, {0}, {Fixture::label("i", 0), Fixture::label("s", 1)});
  ValueId over_k = f.b.contract(1, {{f.x, {0}}}, {0}, {Fixture::label("i", 0), Fixture::label("s", 2)});
  CHECK(over_j != over_k);
}

TEST_CASE("contract: broken operands are internal errors") {
  Fixture f;
  auto i = Fixture::label("i", 0);
  auto j = Fixture::label("j", 1);
  CHECK_THROWS_AS(f.b.contract(1, {{f.B, {0}}}, {0}, {i}), InternalError);              // rank
  CHECK_THROWS_AS(f.b.contract(1, {{f.B, {1, 0}}}, {0, 1}, {i, j}), InternalError);     // extent
  CHECK_THROWS_AS(f.b.contract(1, {{f.B, {0, 1}}}, {0, 2}, {i, j}), InternalError);     // out label
  CHECK_THROWS_AS(f.b.contract(1, {{f.B, {0, 5}}}, {0}, {i, j}), InternalError);        // label
  CHECK_THROWS_AS(f.b.contract(1, {{99, {0}}}, {0}, {i}), InternalError);               // value
  CHECK_THROWS_AS(f.b.contract(1, {}, {0}, {Fixture::label("z", 9)}), InternalError);   // extent id
}

TEST_CASE("contract: a zero coefficient or a zero operand is the zero constant") {
  Fixture f;
  ValueId zero = f.b.constant(0, {0, 2});
  CHECK(f.b.constant_value(zero) == 0.0);
  CHECK(f.product(0) == zero);
  ValueId z = f.b.constant(0, {1});
  ValueId with_zero = f.b.contract(3, {{f.B, {0, 1}}, {z, {1}}}, {0}, {Fixture::label("i", 0), Fixture::label("j", 1)});
  CHECK(f.b.constant_value(with_zero) == 0.0);
  CHECK(f.b.at(with_zero).shape == Shape{0});
  CHECK(f.b.constant(-0.0, {0, 2}) == zero);
}

TEST_CASE("contract: a broadcast constant operand folds into the coefficient") {
  Fixture f;
  ValueId three = f.b.constant(3, {0});
  ValueId scaled = f.b.contract(2, {{three, {0}}, {f.B, {0, 1}}}, {0, 1},
                                {Fixture::label("i", 0), Fixture::label("j", 1)});
  const Contract& c = f.contract_of(scaled);
  CHECK(c.coeff == 6);
  REQUIRE(c.operands.size() == 1);
  CHECK(c.operands[0].value == f.B);
  CHECK(f.b.constant_value(f.b.constant(3, {0})) == 3.0);
  CHECK_FALSE(f.b.constant_value(f.B).has_value());
}

TEST_CASE("contract: a folded constant's summed label still scales by its extent") {
  Fixture f;
  ValueId two = f.b.constant(2, {3});
  ValueId summed = f.b.contract(1, {{two, {0}}}, {}, {Fixture::label("l", 3)});
  const Contract& c = f.contract_of(summed);
  CHECK(c.coeff == 2);
  CHECK(c.operands.empty());
  CHECK(c.labels.size() == 1);
  CHECK_FALSE(f.b.constant_value(summed).has_value());
}

TEST_CASE("contract: a relabelling operand is read through") {
  Fixture f;
  auto i = Fixture::label("i", 0);
  auto j = Fixture::label("j", 1);
  ValueId bt = f.b.contract(2, {{f.B, {0, 1}}}, {1, 0}, {i, j});  // 2 * B[i,j] -> [j,i]
  CHECK(f.b.at(bt).shape == Shape{1, 0});
  // 3 * bt[j,i] -> [i,j] is 6 * B[i,j]
  ValueId back = f.b.contract(3, {{bt, {0, 1}}}, {1, 0}, {j, i});
  const Contract& c = f.contract_of(back);
  CHECK(c.coeff == 6);
  REQUIRE(c.operands.size() == 1);
  CHECK(c.operands[0].value == f.B);
  CHECK(back == f.b.contract(6, {{f.B, {0, 1}}}, {0, 1}, {i, j}));
  // Transposing a plain transpose back is the input itself.
  ValueId t = f.b.contract(1, {{f.B, {0, 1}}}, {1, 0}, {i, j});
  CHECK(f.b.contract(1, {{t, {0, 1}}}, {1, 0}, {j, i}) == f.B);
}

TEST_CASE("contract: a diagonal read is not a relabelling") {
  Fixture f;
  auto l = Fixture::label("l", 3);
  ValueId diag = f.b.contract(1, {{f.D, {0, 0}}}, {0}, {l});
  ValueId user = f.b.contract(1, {{diag, {0}}}, {}, {l});
  CHECK(f.contract_of(user).operands[0].value == diag);
}

TEST_CASE("contract: reading an operand in its own order with coefficient 1 is the operand") {
  Fixture f;
  auto i = Fixture::label("i", 0);
  auto j = Fixture::label("j", 1);
  CHECK(f.b.contract(1, {{f.B, {0, 1}}}, {0, 1}, {i, j}) == f.B);
  // An unused label is summed, so it scales by its extent: not the operand.
  CHECK(f.b.contract(1, {{f.B, {0, 1}}}, {0, 1}, {i, j, Fixture::label("k", 2)}) != f.B);
  CHECK(f.b.contract(1, {{f.D, {0, 0}}}, {0, 0}, {Fixture::label("l", 3)}) != f.D);
}

TEST_CASE("map: powi rules, constant folding and uniquing") {
  Fixture f;
  CHECK(f.b.map(Fn::powi, f.x, 1) == f.x);
  CHECK(f.b.constant_value(f.b.map(Fn::powi, f.x, 0)) == 1.0);
  CHECK(f.b.at(f.b.map(Fn::powi, f.x, 0)).shape == Shape{0});
  CHECK(f.b.constant_value(f.b.map(Fn::exp, f.b.constant(0, {0}))) == 1.0);
  CHECK(f.b.constant_value(f.b.map(Fn::powi, f.b.constant(2, {0}), -2)) == 0.25);
  ValueId t = f.b.map(Fn::tanh, f.x, 0, "t");
  CHECK(f.b.map(Fn::tanh, f.x) == t);
  CHECK(f.b.map(Fn::powi, f.x, 2) != f.b.map(Fn::powi, f.x, 3));
  CHECK_THROWS_AS(f.b.map(Fn::exp, f.x, 2), InternalError);
  CHECK_THROWS_AS(f.b.map(Fn::exp, 99), InternalError);
}

TEST_CASE("add: flattening, zero terms, single terms, repeated terms and constants") {
  Fixture f;
  ValueId e = f.b.map(Fn::exp, f.x);
  ValueId s = f.b.map(Fn::sin, f.x);
  ValueId zero = f.b.constant(0, {0});
  ValueId inner = f.b.add({f.x, e});
  ValueId flat = f.b.add({inner, s});
  CHECK(std::get<Add>(f.b.at(flat).op).terms == std::vector<ValueId>{f.x, e, s});
  CHECK(f.b.add({f.x, e, s}) == flat);
  CHECK(f.b.add({zero, f.x, zero}) == f.x);
  CHECK(f.b.add({zero, zero}) == zero);
  ValueId twice = f.b.add({f.x, f.x});
  const Contract& c = f.contract_of(twice);
  CHECK(c.coeff == 2);
  CHECK(c.operands[0].value == f.x);
  ValueId constants = f.b.add({f.b.constant(1, {0}), f.x, f.b.constant(2, {0})});
  CHECK(std::get<Add>(f.b.at(constants).op).terms == std::vector<ValueId>{f.b.constant(3, {0}), f.x});
  CHECK(f.b.add({f.b.constant(1, {0}), f.b.constant(-1, {0})}) == zero);
  CHECK_THROWS_AS(f.b.add({f.x, f.B}), InternalError);
  CHECK_THROWS_AS(f.b.add({}), InternalError);
}

TEST_CASE("input: never uniqued, names must differ") {
  Fixture f;
  CHECK_THROWS_AS(f.b.input("B", {0, 1}), InternalError);
  CHECK_THROWS_AS(f.b.input("E", {7}), InternalError);
  CHECK(f.b.input("E", {0, 1}) != f.B);
}

TEST_CASE("finish: keeps inputs and what outputs need, renumbered in creation order") {
  Fixture f;
  f.b.map(Fn::exp, f.B);  // dead
  ValueId a = f.product(1, "A");
  ValueId y = f.b.map(Fn::tanh, f.x, 0, "y");
  f.b.output("Y", y);
  f.b.output("A", a);
  Program p = f.b.finish("demo", ProgramKind::pullback);
  CHECK(p.layer == "demo");
  CHECK(p.kind == ProgramKind::pullback);
  REQUIRE(p.values.size() == 6);
  CHECK(p.inputs == std::vector<ValueId>{0, 1, 2, 3});
  CHECK(p.values[4].name == "A");
  CHECK(p.values[5].name == "y");
  REQUIRE(p.outputs.size() == 2);
  CHECK(p.outputs[0].name == "Y");
  CHECK(p.outputs[0].value == 5);
  CHECK(p.outputs[1].value == 4);
  CHECK(std::get<Map>(p.values[5].op).arg == 3);
  CHECK_THROWS_AS(f.b.output("Y", y), InternalError);
}

TEST_CASE("import: inputs map by name, values unique against existing ones") {
  Fixture f;
  ValueId a = f.product(1, "A");
  f.b.output("A", a);
  Program forward = f.b.finish("demo", ProgramKind::evaluate);

  Builder b(forward.extents);
  ValueId dA = b.input("dA", {0, 2});
  ValueId c = b.input("C", {1, 2});
  std::vector<ValueId> ids = b.import(forward);
  REQUIRE(ids.size() == forward.values.size());
  CHECK(ids[static_cast<std::size_t>(forward.inputs[1])] == c);
  CHECK(b.at(ids[static_cast<std::size_t>(forward.inputs[0])]).name == "B");
  CHECK(ids[static_cast<std::size_t>(forward.outputs[0].value)] != dA);
  CHECK(b.import(forward) == ids);
  Builder wrong(std::vector<Extent>{Extent{"i", {}}});
  CHECK_THROWS_AS(wrong.import(forward), InternalError);
}

}  // namespace
}  // namespace ricci::ir

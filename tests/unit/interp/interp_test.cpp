// The reference interpreter on hand-computed cases, and its input checks.
#include <doctest/doctest.h>

#include <cmath>

#include "interp/interp.h"
#include "ir/builder.h"

namespace ricci::interp {
namespace {

using ir::Builder;
using ir::Fn;
using ir::LabelInfo;
using ir::ProgramKind;
using ir::ValueId;

// Extents i, j, k, l.
Builder builder() { return Builder({{"i", {}}, {"j", {}}, {"k", {}}, {"l", {}}}); }

template <class T = double>
Array<T> array(std::vector<int64_t> dims, std::vector<T> data) {
  return Array<T>{std::move(dims), std::move(data)};
}

TEST_CASE("run: matrix product") {
  Builder b = builder();
  ValueId B = b.input("B", {0, 1});
  ValueId C = b.input("C", {1, 2});
  b.output("A", b.contract(1, {{B, {0, 1}}, {C, {1, 2}}}, {0, 2}, {{"i", 0}, {"j", 1}, {"k", 2}}));
  Bindings<double> in{{"B", array({2, 3}, {1, 2, 3, 4, 5, 6})},
                      {"C", array({3, 2}, {7, 8, 9, 10, 11, 12})}};
  Array<double> A = run(b.finish("t", ProgramKind::evaluate), in).at("A");
  CHECK(A.dims == std::vector<int64_t>{2, 2});
  CHECK(A.data == std::vector<double>{58, 64, 139, 154});
}

TEST_CASE("run: trace, diagonal read and diagonal write") {
  Builder b = builder();
  ValueId D = b.input("D", {3, 3});
  ValueId g = b.input("g", {3});
  b.output("tr", b.contract(2, {{D, {0, 0}}}, {}, {{"l", 3}}));
  b.output("diag", b.contract(1, {{D, {0, 0}}}, {0}, {{"l", 3}}));
  b.output("dD", b.contract(1, {{g, {0}}}, {0, 0}, {{"l", 3}}));
  Bindings<double> in{{"D", array({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9})}, {"g", array({3}, {1, 2, 3})}};
  Bindings<double> out = run(b.finish("t", ProgramKind::evaluate), in);
  CHECK(out.at("tr").dims.empty());
  CHECK(out.at("tr").data == std::vector<double>{30});
  CHECK(out.at("diag").data == std::vector<double>{1, 5, 9});
  CHECK(out.at("dD").dims == std::vector<int64_t>{3, 3});
  CHECK(out.at("dD").data == std::vector<double>{1, 0, 0, 0, 2, 0, 0, 0, 3});
}

TEST_CASE("run: broadcast, a summed label no operand reads, and Add") {
  Builder b = builder();
  ValueId x = b.input("x", {0});
  ValueId bias = b.input("bias", {2});
  b.input("D", {3, 3});  // carries l
  ValueId bx = b.contract(1, {{x, {0}}}, {0, 1}, {{"i", 0}, {"k", 2}});
  ValueId bb = b.contract(1, {{bias, {1}}}, {0, 1}, {{"i", 0}, {"k", 2}});
  b.output("s", b.add({bx, bb}));
  b.output("n", b.contract(2, {}, {}, {{"l", 3}}));  // 2 * (size of l)
  b.output("xl", b.contract(1, {{x, {0}}}, {0}, {{"i", 0}, {"l", 3}}));  // x[i] * (size of l)
  Bindings<double> in{{"x", array({2}, {1, 2})},
                      {"bias", array({3}, {10, 20, 30})},
                      {"D", array({4, 4}, std::vector<double>(16))}};
  Bindings<double> out = run(b.finish("t", ProgramKind::evaluate), in);
  CHECK(out.at("s").dims == std::vector<int64_t>{2, 3});
  CHECK(out.at("s").data == std::vector<double>{11, 21, 31, 12, 22, 32});
  CHECK(out.at("n").data == std::vector<double>{8});
  CHECK(out.at("xl").data == std::vector<double>{4, 8});
}

TEST_CASE("run: every elementwise function") {
  std::vector<double> xs{-1.5, 0, 0.5, 2};
  struct Case {
    Fn fn;
    int exponent;
    double (*expect)(double);
  };
  std::vector<Case> cases{
      {Fn::exp, 0, [](double v) { return std::exp(v); }},
      {Fn::log, 0, [](double v) { return std::log(v); }},
      {Fn::tanh, 0, [](double v) { return std::tanh(v); }},
      {Fn::sigmoid, 0, [](double v) { return 1 / (1 + std::exp(-v)); }},
      {Fn::relu, 0, [](double v) { return v > 0 ? v : 0.0; }},
      {Fn::sqrt, 0, [](double v) { return std::sqrt(v); }},
      {Fn::square, 0, [](double v) { return v * v; }},
      {Fn::sin, 0, [](double v) { return std::sin(v); }},
      {Fn::cos, 0, [](double v) { return std::cos(v); }},
      {Fn::abs, 0, [](double v) { return std::abs(v); }},
      {Fn::step, 0, [](double v) { return v > 0 ? 1.0 : 0.0; }},
      {Fn::sign, 0, [](double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; }},
      {Fn::powi, 3, [](double v) { return v * v * v; }},
      {Fn::powi, -2, [](double v) { return 1 / (v * v); }},
  };
  for (const Case& c : cases) {
    Builder b = builder();
    b.output("y", b.map(c.fn, b.input("x", {0}), c.exponent));
    std::vector<double> y = run(b.finish("t", ProgramKind::evaluate), Bindings<double>{{"x", array({4}, xs)}}).at("y").data;
    for (std::size_t e = 0; e < xs.size(); ++e) {
      CAPTURE(static_cast<int>(c.fn));
      CAPTURE(xs[e]);
      double expect = c.expect(xs[e]);
      if (std::isnan(expect)) {
        CHECK(std::isnan(y[e]));
      } else {
        CHECK(y[e] == expect);
      }
    }
  }
}

TEST_CASE("run: float arithmetic stays in float; an output that is an input is a copy") {
  Builder b = builder();
  ValueId x = b.input("x", {0});
  b.output("e", b.map(Fn::exp, x));
  b.output("same", x);
  ir::Program p = b.finish("t", ProgramKind::evaluate);
  Bindings<float> out = run(p, Bindings<float>{{"x", array<float>({2}, {1, 0.1f})}});
  CHECK(out.at("e").data == std::vector<float>{std::exp(1.0f), std::exp(0.1f)});
  CHECK(out.at("same").data == std::vector<float>{1, 0.1f});
  Bindings<double> out64 = run(p, Bindings<double>{{"x", array({2}, {1, 0.1})}});
  CHECK(out64.at("e").data == std::vector<double>{std::exp(1.0), std::exp(0.1)});
}

TEST_CASE("bind_extents: sizes from the first input carrying each extent") {
  Builder b = builder();
  ValueId B = b.input("B", {0, 1});
  ValueId C = b.input("C", {1, 2});
  b.output("A", b.contract(1, {{B, {0, 1}}, {C, {1, 2}}}, {0, 2}, {{"i", 0}, {"j", 1}, {"k", 2}}));
  ir::Program p = b.finish("t", ProgramKind::evaluate);
  Bindings<double> in{{"B", array({2, 3}, std::vector<double>(6))},
                      {"C", array({3, 4}, std::vector<double>(12))}};
  CHECK(bind_extents(p, in) == std::vector<int64_t>{2, 3, 4, 0});

  SUBCASE("missing input") {
    in.erase("C");
    CHECK_THROWS_WITH_AS(bind_extents(p, in), "missing input `C`", InputError);
  }
  SUBCASE("wrong rank") {
    in["C"] = array({12}, std::vector<double>(12));
    CHECK_THROWS_WITH_AS(bind_extents(p, in), "input `C`: expected rank 2, got 1", InputError);
  }
  SUBCASE("sizes that disagree") {
    in["C"] = array({5, 4}, std::vector<double>(20));
    CHECK_THROWS_WITH_AS(run(p, in),
                         "input `C` axis 0 (index `j`): expected size 3 (from `B` axis 1), got 5",
                         InputError);
  }
  SUBCASE("data that does not fill the dims") {
    in["C"] = array({3, 4}, std::vector<double>(11));
    CHECK_THROWS_WITH_AS(bind_extents(p, in), "input `C`: expected 12 elements for its dims, got 11",
                         InputError);
  }
}

TEST_CASE("bind_extents: an extent no input carries") {
  Builder b = builder();
  ValueId x = b.input("x", {0});
  b.output("y", b.contract(1, {{x, {0}}}, {0, 1}, {{"i", 0}, {"l", 3}}));
  CHECK_THROWS_WITH_AS(bind_extents(b.finish("t", ProgramKind::evaluate),
                                    Bindings<double>{{"x", array({2}, {1, 2})}}),
                       "extent `l` is not carried by any input", InputError);
}

}  // namespace
}  // namespace ricci::interp

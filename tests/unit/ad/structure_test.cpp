// The shape of derived programs: interfaces, names, diagonals, folding, and no dead work.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "ad/ad.h"
#include "interp/interp.h"
#include "layers.h"

namespace ricci::ad::test {
namespace {

using ir::ProgramKind;

std::vector<std::string> inputs(const ir::Program& p) {
  std::vector<std::string> names;
  for (ir::ValueId id : p.inputs) names.push_back(p.at(id).name);
  return names;
}

std::vector<std::string> outputs(const ir::Program& p) {
  std::vector<std::string> names;
  for (const ir::Result& r : p.outputs) names.push_back(r.name);
  return names;
}

bool has_value_named(const ir::Program& p, const std::string& name) {
  return std::any_of(p.values.begin(), p.values.end(),
                     [&](const ir::Value& v) { return v.name == name; });
}

const ir::Contract* contract_of(const ir::Program& p, const std::string& output) {
  for (const ir::Result& r : p.outputs)
    if (r.name == output) return std::get_if<ir::Contract>(&p.at(r.value).op);
  return nullptr;
}

bool writes_diagonal(const ir::Value& v) {
  const auto* c = std::get_if<ir::Contract>(&v.op);
  return c != nullptr && std::set<ir::Label>(c->out.begin(), c->out.end()).size() != c->out.size();
}

// Whether value `v` of `p` reads (transitively) the input named `name`.
bool depends_on(const ir::Program& p, ir::ValueId v, const std::string& name) {
  const ir::Op& op = p.at(v).op;
  if (std::holds_alternative<ir::Input>(op)) return p.at(v).name == name;
  std::vector<ir::ValueId> reads;
  if (const auto* c = std::get_if<ir::Contract>(&op))
    for (const ir::Operand& o : c->operands) reads.push_back(o.value);
  if (const auto* m = std::get_if<ir::Map>(&op)) reads.push_back(m->arg);
  if (const auto* a = std::get_if<ir::Add>(&op)) reads = a->terms;
  return std::any_of(reads.begin(), reads.end(),
                     [&](ir::ValueId r) { return depends_on(p, r, name); });
}

TEST_CASE("program interfaces: names and orders") {
  ir::Layer layer = mlp({"W", "x"});
  CHECK(differentiate(layer, ProgramKind::evaluate).values.size() == layer.evaluate.values.size());

  ir::Program pb = differentiate(layer, ProgramKind::pullback);
  CHECK(pb.kind == ProgramKind::pullback);
  CHECK(inputs(pb) == std::vector<std::string>{"d_y", "W", "x", "bias"});
  CHECK(outputs(pb) == std::vector<std::string>{"d_W", "d_x"});

  ir::Program pf = differentiate(layer, ProgramKind::pushforward);
  CHECK(inputs(pf) == std::vector<std::string>{"W", "x", "bias", "t_W", "t_x", "t_bias"});
  CHECK(outputs(pf) == std::vector<std::string>{"y", "t_y"});

  ir::Program pb2 = differentiate(layer, ProgramKind::pullback2);
  CHECK(inputs(pb2) == std::vector<std::string>{"dd_W", "dd_x", "d_y", "W", "x", "bias"});
  CHECK(outputs(pb2) == std::vector<std::string>{"g_d_y", "g_W", "g_x"});
}

TEST_CASE("derived values are named after what they differentiate") {
  ir::Layer layer = mlp();
  CHECK(has_value_named(differentiate(layer, ProgramKind::pullback), "d_h"));
  CHECK(has_value_named(differentiate(layer, ProgramKind::pullback), "sech2_h"));
  CHECK(has_value_named(differentiate(layer, ProgramKind::pushforward), "t_h"));
  ir::Program pb2 = differentiate(layer, ProgramKind::pullback2);
  CHECK(has_value_named(pb2, "g_d_h"));
  CHECK(has_value_named(pb2, "g_h"));
}

TEST_CASE("the cotangent of a trace D[l,l] is a diagonal write") {
  ir::Program pb = differentiate(bilinear(), ProgramKind::pullback);
  const ir::Contract* d_D = contract_of(pb, "d_D");
  REQUIRE(d_D != nullptr);
  REQUIRE(d_D->out.size() == 2);
  CHECK(d_D->out[0] == d_D->out[1]);

  interp::Bindings<double> in;
  in["d_A"] = {{3, 4}, std::vector<double>(12, 1.0)};
  in["B"] = {{3, 5}, std::vector<double>(15, 0.5)};
  in["C"] = {{5, 4}, std::vector<double>(20, -2.0)};
  in["D"] = {{6, 6}, std::vector<double>(36, 3.0)};
  interp::Array<double> dD = interp::run(pb, in).at("d_D");
  for (int r = 0; r < 6; ++r) {
    for (int c = 0; c < 6; ++c) {
      // sum_{i,j,k} d_A[i,k] B[i,j] C[j,k] = 3 * 5 * 4 * (0.5 * -2)
      CHECK(dD.data[static_cast<std::size_t>(6 * r + c)] == (r == c ? -60.0 : 0.0));
    }
  }
}

TEST_CASE("a grad subset does no work for the other inputs") {
  ir::Program all = differentiate(bilinear(), ProgramKind::pullback);
  ir::Program bc = differentiate(bilinear({"B", "C"}), ProgramKind::pullback);
  CHECK(bc.values.size() < all.values.size());
  CHECK_FALSE(has_value_named(bc, "d_D"));
  CHECK(std::none_of(bc.values.begin(), bc.values.end(), writes_diagonal));

  // y[i] := x[i]*w[i] + exp(u[i]) with grad x: nothing reads u, nothing is exponentiated.
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i"), w = h.in("w", "i"), u = h.in("u", "i");
  h.output("y", h.add({h.contract(1, {{x, "i"}, {w, "i"}}, "i"), h.map(Fn::exp, u, "e")}, "y"));
  for (ProgramKind kind : {ProgramKind::pullback, ProgramKind::pullback2}) {
    ir::Program p = differentiate(h.finish("partial", {"x"}), kind);
    for (std::size_t v = 0; v < p.values.size(); ++v) {
      INFO(ir::program_name(kind), " value ", v, " ", p.values[v].name);
      CHECK_FALSE(std::holds_alternative<ir::Map>(p.values[v].op));
      if (!std::holds_alternative<ir::Input>(p.values[v].op))
        CHECK_FALSE(depends_on(p, static_cast<ir::ValueId>(v), "u"));
    }
  }
}

TEST_CASE("a grad input no output depends on gets a zero cotangent") {
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i");
  h.in("z", "i");
  h.output("y", h.map(Fn::sin, x, "y"));
  ir::Program pb = differentiate(h.finish("unused"), ProgramKind::pullback);
  const ir::Contract* d_z = contract_of(pb, "d_z");
  REQUIRE(d_z != nullptr);
  CHECK(d_z->operands.empty());
  CHECK(d_z->coeff == 0);
}

TEST_CASE("equal contributions merge: x[i]*x[i] pulls back to 2 * d_s * x[i]") {
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i");
  h.output("s", h.contract(1, {{x, "i"}, {x, "i"}}, "", "s"));
  ir::Layer layer = h.finish("square_norm");
  ir::Program pb = differentiate(layer, ProgramKind::pullback);
  const ir::Contract* d_x = contract_of(pb, "d_x");
  REQUIRE(d_x != nullptr);
  CHECK(d_x->coeff == 2);
  CHECK(d_x->operands.size() == 2);
  ir::Program pf = differentiate(layer, ProgramKind::pushforward);
  const ir::Contract* t_s = contract_of(pf, "t_s");
  REQUIRE(t_s != nullptr);
  CHECK(t_s->coeff == 2);
}

TEST_CASE("an output read downstream sums its seed and the downstream cotangent") {
  HandLayer h("i");
  ir::ValueId x = h.in("x", "i");
  ir::ValueId e = h.map(Fn::exp, x, "e");
  h.output("e", e);
  h.output("y", h.map(Fn::sin, e, "y"));
  ir::Program pb = differentiate(h.finish("chain"), ProgramKind::pullback);
  CHECK(has_value_named(pb, "d_e_total"));
}

TEST_CASE("elementwise derivatives fold: step and sign have none, relu has step") {
  ir::Program relu = differentiate(one_fn(Fn::relu), ProgramKind::pullback2);
  CHECK(has_value_named(relu, "step_h"));
  ir::Program step = differentiate(one_fn(Fn::step), ProgramKind::pullback);
  const ir::Contract* d_W = contract_of(step, "d_W");
  REQUIRE(d_W != nullptr);
  CHECK(d_W->operands.empty());  // zero
}

}  // namespace
}  // namespace ricci::ad::test

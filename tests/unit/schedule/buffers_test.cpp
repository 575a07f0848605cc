// Workspace slots: reuse when lifetimes do not overlap, sizes, and bytes by hand.
#include "schedule_test.h"

namespace ricci::schedule {
namespace {

ScheduleOptions unfused() {
  ScheduleOptions o;
  o.fuse = false;
  o.inline_elementwise = false;
  return o;
}

ScheduleOptions fusing() {
  ScheduleOptions o;
  o.inline_elementwise = false;
  return o;
}

ir::ExtentId extent(const ir::Program& p, const std::string& name) {
  for (std::size_t e = 0; e < p.extents.size(); ++e)
    if (p.extents[e].name == name) return static_cast<ir::ExtentId>(e);
  FAIL("no extent " << name);
  return 0;
}

TEST_CASE("a chain whose intermediates die early shares slots") {
  // tanh, cos, sin, exp: each intermediate dies when the next one is written, so the first
  // slot is free again for the third.
  ir::Program p = test::evaluate("layer c {\n  y[i] := exp(sin(cos(tanh(x[i]))))\n}\n");
  Schedule s = make_schedule(p, unfused());
  REQUIRE(s.kernels.size() == 4);
  REQUIRE(s.slots.size() == 2);
  CHECK(s.slots[0].values == std::vector<ir::ValueId>{1, 3});
  CHECK(s.slots[1].values == std::vector<ir::ValueId>{2});
  CHECK(s.slots[0].counts == std::vector<Extents>{{extent(p, "i")}});
  CHECK(s.homes[3].index == 0);
  // i = 10, double: 80 bytes per slot, rounded to 128.
  CHECK(workspace_bytes(s, {10}, 8) == 256);
  CHECK(workspace_bytes(s, {8}, 8) == 128);
  CHECK(workspace_bytes(s, {0}, 8) == 0);

  // Fused, the chain is one kernel and needs no workspace.
  Schedule fused = make_schedule(p);
  CHECK(fused.slots.empty());
  CHECK(workspace_bytes(fused, {10}, 8) == 0);
}

TEST_CASE("overlapping lifetimes never share a slot") {
  ir::Program p = test::evaluate("layer o {\n  y[i] := tanh(x[i]) + sin(x[i]) + cos(x[i])\n}\n");
  Schedule s = make_schedule(p, unfused());
  CHECK(s.slots.size() == 3);
  CHECK(workspace_bytes(s, {16}, 4) == 3 * 64);
}

TEST_CASE("a slot holds the largest of its values; bytes by hand") {
  ir::Program p = test::evaluate(
      "layer s {\n  t[i,j] := tanh(A[i,j])\n  s[i] := t[i,j] * u[j]\n  y[i] := exp(sin(s[i]))\n}\n");
  ir::ExtentId i = extent(p, "i"), j = extent(p, "j");
  std::vector<int64_t> sizes(p.extents.size());
  sizes[static_cast<std::size_t>(i)] = 3;
  sizes[static_cast<std::size_t>(j)] = 5;

  // Unfused: t [i,j] (slot 0), s [i] (slot 1, t is still read), sin(s) [i] in slot 0 (t is
  // dead by then), exp into the output y.
  Schedule s = make_schedule(p, unfused());
  REQUIRE(s.slots.size() == 2);
  Extents ij = {std::min(i, j), std::max(i, j)};
  CHECK(s.slots[0].counts == std::vector<Extents>{ij, {i}});
  CHECK(s.slots[1].counts == std::vector<Extents>{{i}});
  // float: slot 0 max(15, 3) * 4 = 60 -> 64, slot 1 3 * 4 = 12 -> 64.
  CHECK(workspace_bytes(s, sizes, 4) == 128);
  // double: 120 -> 128, 24 -> 64.
  CHECK(workspace_bytes(s, sizes, 8) == 192);

  // Fused: sin and exp join the matrix-vector GEMM's epilogue; only t is stored.
  Schedule fused = make_schedule(p, fusing());
  CHECK(test::kernels(fused) == "t\ns gemm > %4 > y\n");
  REQUIRE(fused.slots.size() == 1);
  // The GEMM (docs/schedule.md's example): A = u[j], B = t[i,j], m empty, n = i, k = j.
  const Kernel& mv = fused.kernels.at(1);
  REQUIRE(mv.gemm);
  GemmStrides g = gemm_strides(std::get<ir::Contract>(p.at(mv.value).op), *mv.gemm);
  CHECK(g.m.empty());
  CHECK(g.n == Extents{i});
  CHECK(g.k == Extents{j});
  CHECK(g.a_m == Extents{j});
  CHECK(g.a_k.empty());
  CHECK(g.b_k.empty());
  CHECK(g.b_n == Extents{j});
  CHECK(g.c_m == Extents{i});
  CHECK(g.c_n.empty());
  CHECK(workspace_bytes(fused, sizes, 8) == 128);
}

TEST_CASE("outputs are written in place; repeated outputs and inputs as outputs are copied") {
  // z is y itself: the value is computed into y and copied to z.
  ir::Program p = test::evaluate("layer r {\n  output y, z\n  y[i] := exp(x[i])\n  z[i] := y[i]\n}\n");
  REQUIRE(p.outputs.size() == 2);
  REQUIRE(p.outputs[0].value == p.outputs[1].value);
  Schedule s = make_schedule(p);
  const Home& home = s.homes[static_cast<std::size_t>(p.outputs[0].value)];
  CHECK(home.kind == Home::Kind::output);
  CHECK(home.index == 0);
  CHECK(s.copied_outputs == std::vector<std::size_t>{1});
  CHECK(s.slots.empty());

  // The pullback of a copy is its seed: the output d_x is the input d_y.
  ir::Program pullback = test::derive(test::parse_layer("layer c {\n  y[i] := x[i]\n}\n"), ir::ProgramKind::pullback);
  Schedule copy = make_schedule(pullback);
  CHECK(copy.kernels.empty());
  CHECK(copy.copied_outputs == std::vector<std::size_t>{0});
}

}  // namespace
}  // namespace ricci::schedule

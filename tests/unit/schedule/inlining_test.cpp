// Values computed inline in the loops of the kernels that read them, and those kept stored.
#include "schedule_test.h"

namespace ricci::schedule {
namespace {

Home::Kind kind_of(const Schedule& s, const std::string& name) {
  for (std::size_t v = 0; v < s.program->values.size(); ++v)
    if (s.program->values[v].name == name) return s.homes[v].kind;
  FAIL("no value named " << name);
  return Home::Kind::input;
}

TEST_CASE("dense: the bias broadcast and the sum are computed inside tanh's loop after the GEMM") {
  ir::Program p = test::evaluate("layer dense {\n  h[b,o] := W[o,i] * x[b,i] + bias[o]\n  y[b,o] := tanh(h[b,o])\n}\n");
  Schedule s = make_schedule(p);
  CHECK(test::kernels(s) == "%3 gemm\ny\n");
  CHECK(s.homes[4].kind == Home::Kind::inlined);
  CHECK(kind_of(s, "h") == Home::Kind::inlined);
  CHECK(s.slots.size() == 1);
}

TEST_CASE("a cheap chain read by several kernels is computed in each; none is stored") {
  const ir::Layer layer = test::parse_layer("layer ss {\n  y[b,f] := relu(x[b,f] * gamma[f] + beta[f]) * r[b]\n}\n");
  // The cotangents of r (a sum over f), beta and gamma (sums over b) and x each read relu's
  // step of the same sum: four kernels, and no value in the workspace. Two are batched dot
  // products, which are loop nests. (They share one nest, whose sums over b take partial sums.)
  const ir::Program p = test::derive(layer, ir::ProgramKind::pullback);
  Schedule s = make_schedule(p);
  CHECK(test::kernels(s) == "d_r gemm\nd_beta\nd_gamma gemm\nd_x\n");
  for (std::size_t v = 0; v < p.values.size(); ++v) CHECK(s.homes[v].kind != Home::Kind::workspace);
}

TEST_CASE("stored: an expensive value read twice, a value a GEMM or a broadcast reads, a scalar") {
  // exp is read by two operands: computed once.
  const ir::Program twice_p = test::evaluate("layer t {\n  t[i] := exp(x[i])\n  y[i] := t[i] * t[i]\n}\n");
  Schedule twice = make_schedule(twice_p);
  CHECK(kind_of(twice, "t") == Home::Kind::workspace);
  // A single reader takes even an expensive one.
  const ir::Program once_p = test::evaluate("layer o {\n  t[i] := exp(x[i])\n  y[i] := t[i] * z[i]\n}\n");
  Schedule once = make_schedule(once_p);
  CHECK(kind_of(once, "t") == Home::Kind::inlined);
  // A matrix product reads memory.
  const ir::Program gemm_p = test::evaluate("layer g {\n  t[i,j] := tanh(A[i,j])\n  y[i] := t[i,j] * u[j]\n}\n");
  Schedule gemm = make_schedule(gemm_p);
  CHECK(test::kernels(gemm) == "t\ny gemm\n");
  // Inline, a broadcast along j would compute each element of t once per j.
  const ir::Program broadcast_p = test::evaluate("layer b {\n  t[i] := exp(x[i])\n  y[i,j] := t[i] * z[i,j]\n}\n");
  Schedule broadcast = make_schedule(broadcast_p);
  CHECK(kind_of(broadcast, "t") == Home::Kind::workspace);
  // One element costs nothing to store.
  const ir::Program scalar_p = test::evaluate("layer s {\n  t := exp(x)\n  y[i] := t * z[i]\n}\n");
  Schedule scalar = make_schedule(scalar_p);
  CHECK(kind_of(scalar, "t") == Home::Kind::workspace);
  // Nor is an output inlined, whoever reads it.
  const ir::Program kept_p = test::evaluate("layer k {\n  output h, y\n  h[i] := exp(x[i])\n  y[i] := tanh(h[i])\n}\n");
  Schedule kept = make_schedule(kept_p);
  CHECK(kind_of(kept, "h") == Home::Kind::output);
  CHECK(test::kernels(kept) == "h\ny\n");
}

TEST_CASE("without inlining every value has a kernel or joins one") {
  ScheduleOptions stored;
  stored.inline_elementwise = false;
  ir::Program p = test::evaluate("layer o {\n  t[i] := exp(x[i])\n  y[i] := t[i] * z[i]\n}\n");
  Schedule s = make_schedule(p, stored);
  for (const Home& h : s.homes) CHECK(h.kind != Home::Kind::inlined);
}

}  // namespace
}  // namespace ricci::schedule

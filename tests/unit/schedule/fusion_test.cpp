// Fusion of elementwise values into the kernel that produces their operand, with inlining off:
// it would take most of these values first (inlining_test.cpp).
#include "schedule_test.h"

namespace ricci::schedule {
namespace {

ScheduleOptions fusing() {
  ScheduleOptions o;
  o.inline_elementwise = false;
  return o;
}

const char* const kDense =
    "layer dense {\n  h[b,o] := W[o,i] * x[b,i] + bias[o]\n  y[b,o] := tanh(h[b,o])\n}\n";

Home::Kind kind_of(const Schedule& s, const std::string& name) {
  for (std::size_t v = 0; v < s.program->values.size(); ++v)
    if (s.program->values[v].name == name) return s.homes[v].kind;
  FAIL("no value named " << name);
  return Home::Kind::input;
}

TEST_CASE("dense: the bias broadcast, the sum and tanh run as one loop after the GEMM") {
  ir::Program p = test::evaluate(kDense);
  // %3 = W*x, %4 = bias broadcast to [b,o], h = %3 + %4, y = tanh(h). The broadcast hosts h
  // and y: it is a loop nest, so its epilogue costs no extra pass, and it is never stored.
  Schedule s = make_schedule(p, fusing());
  CHECK(test::kernels(s) == "%3 gemm\n%4 > h > y\n");
  CHECK(s.homes[3].kind == Home::Kind::workspace);
  CHECK(s.homes[4].kind == Home::Kind::fused);
  CHECK(kind_of(s, "h") == Home::Kind::fused);
  CHECK(kind_of(s, "y") == Home::Kind::output);
  CHECK(s.slots.size() == 1);

  ScheduleOptions unfused = fusing();
  unfused.fuse = false;
  Schedule plain = make_schedule(p, unfused);
  CHECK(test::kernels(plain) == "%3 gemm\n%4\nh\ny\n");
  CHECK(kind_of(plain, "h") == Home::Kind::workspace);
}

TEST_CASE("dense pullback2: sums of two GEMMs fuse into the later one") {
  const ir::Program p = test::derive(test::parse_layer(kDense), ir::ProgramKind::pullback2);
  Schedule s = make_schedule(p, fusing());
  const std::string k = test::kernels(s);
  CHECK(k.find("gemm > g_x\n") != std::string::npos);
  CHECK(k.find("gemm > g_W\n") != std::string::npos);
}

TEST_CASE("a value that an output keeps or that two values read is not fused") {
  const ir::Program declared_p =
      test::evaluate("layer d {\n  output h, y\n  h[i] := exp(x[i])\n  y[i] := tanh(h[i])\n}\n");
  Schedule declared = make_schedule(declared_p, fusing());
  CHECK(test::kernels(declared) == "h\ny\n");

  const ir::Program shared_p =
      test::evaluate("layer s {\n  t[i] := exp(x[i])\n  y[i] := tanh(t[i]) + sin(t[i])\n}\n");
  Schedule shared = make_schedule(shared_p, fusing());
  CHECK(test::kernels(shared) == "t\n%2\n%3 > y\n");
  CHECK(kind_of(shared, "t") == Home::Kind::workspace);
}

TEST_CASE("a host kernel moves after the other operands of the value it takes") {
  // u's kernel (a * b, then exp) takes y = u + v, but v is a GEMM computed after it: the
  // kernel moves after v's, which stays where it was.
  const ir::Program p = test::evaluate(
      "layer m {\n  u[i] := exp(a[i] * b[i])\n  v[i] := c[i,j] * d[j]\n  y[i] := u[i] + v[i]\n}\n");
  Schedule s = make_schedule(p, fusing());
  CHECK(test::kernels(s) == "v gemm\n%4 > u > y\n");
  CHECK(kind_of(s, "v") == Home::Kind::workspace);
  CHECK(kind_of(s, "u") == Home::Kind::fused);
}

}  // namespace
}  // namespace ricci::schedule

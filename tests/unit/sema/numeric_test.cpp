// Lowered programs run on the reference interpreter against hand-computed values.
#include <doctest/doctest.h>

#include <cmath>

#include "interp/interp.h"
#include "sema_test.h"

namespace ricci::sema::test {

using Arr = interp::Array<double>;

interp::Bindings<double> run(const char* text, const interp::Bindings<double>& inputs) {
  Analyzed a = analyze_text(text);
  REQUIRE(a.summary().empty());
  return interp::run(a.program(), inputs);
}

void check_close(const Arr& got, const std::vector<int64_t>& dims, const std::vector<double>& want) {
  CHECK(got.dims == dims);
  REQUIRE(got.data.size() == want.size());
  for (std::size_t k = 0; k < want.size(); ++k) CHECK(got.data[k] == doctest::Approx(want[k]));
}

TEST_CASE("matrix product scaled by a trace") {
  auto out = run("layer bilinear { A[i,k] := B[i,j] * C[j,k] * D[l,l] }",
                 {{"B", Arr{{2, 2}, {1, 2, 3, 4}}},
                  {"C", Arr{{2, 2}, {5, 6, 7, 8}}},
                  {"D", Arr{{2, 2}, {1, 9, 9, 2}}}});
  // B*C = [[19, 22], [43, 50]], trace(D) = 3.
  check_close(out.at("A"), {2, 2}, {57, 66, 129, 150});
}

TEST_CASE("dense layer: product, broadcast bias, subtraction of a constant, tanh") {
  auto out = run("layer mlp {\n  h[b,o] := W[o,i] * x[b,i] + bias[o] - 1\n  y[b,o] := tanh(h[b,o])\n}",
                 {{"W", Arr{{2, 2}, {0.1, 0.2, -0.3, 0.4}}}, {"x", Arr{{1, 2}, {1, 2}}}, {"bias", Arr{{2}, {0.5, 1}}}});
  check_close(out.at("y"), {1, 2}, {std::tanh(0.5 + 0.5 - 1), std::tanh(0.5 + 1 - 1)});
}

TEST_CASE("division, powers, minus signs and scalars") {
  auto out = run("layer a { y[i] := -2 * x[i] / (4 * z[i]) + x[i]^2 - s * x[i]^-1 }",
                 {{"x", Arr{{2}, {1, 2}}}, {"z", Arr{{2}, {0.5, 4}}}, {"s", Arr{{}, {3}}}});
  check_close(out.at("y"), {2}, {-1.0 + 1 - 3, -0.25 + 4 - 1.5});
}

TEST_CASE("a nested sum broadcasts inside the product that sums it") {
  // y[i] = sum_j (x[j] - z[i]) * w[j]
  auto out = run("layer a { y[i] := (x[j] - z[i]) * w[j] }",
                 {{"x", Arr{{3}, {1, 2, 3}}}, {"z", Arr{{2}, {10, 20}}}, {"w", Arr{{3}, {1, 1, 2}}}});
  check_close(out.at("y"), {2}, {(1 - 10) + (2 - 10) + 2 * (3 - 10), (1 - 20) + (2 - 20) + 2 * (3 - 20)});
}

TEST_CASE("calls sum inside; the product around them sums the rest") {
  // y[b] = sum_o tanh(sum_i W[o,i] x[b,i]) v[o]
  auto out = run("layer a { y[b] := tanh(W[o,i] * x[b,i]) * v[o] }",
                 {{"W", Arr{{2, 2}, {1, 0, 0, 1}}}, {"x", Arr{{1, 2}, {0.5, -1}}}, {"v", Arr{{2}, {2, 3}}}});
  check_close(out.at("y"), {1}, {2 * std::tanh(0.5) + 3 * std::tanh(-1.0)});
}

TEST_CASE("`+=` with a transposed left side, then a later read of the sum") {
  auto out = run("layer a {\n  A[i,j] := B[i,j] * c\n  A[j,i] += B[i,j]\n  C[i,j] := A[i,j] * A[i,j]\n}",
                 {{"B", Arr{{2, 2}, {1, 2, 3, 4}}}, {"c", Arr{{}, {10}}}});
  // A = 10 B + B^T = [[11, 23], [32, 44]].
  check_close(out.at("C"), {2, 2}, {121, 529, 1024, 1936});
}

TEST_CASE("einsum over three factors, a diagonal, and a trace inside a call") {
  auto out = run("layer a {\n  s := x[i] * (y[i] * z[i]) * exp(D[l,l])\n  d[i] := D[i,i] * x[i]\n}",
                 {{"x", Arr{{2}, {1, 2}}}, {"y", Arr{{2}, {3, 4}}}, {"z", Arr{{2}, {5, 6}}},
                  {"D", Arr{{2, 2}, {0.5, 7, 7, -0.25}}}});
  check_close(out.at("s"), {}, {(15 + 48) * std::exp(0.25)});
  check_close(out.at("d"), {2}, {0.5, -0.5});
}

}  // namespace ricci::sema::test

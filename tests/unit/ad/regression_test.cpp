// Layers that random_layers once reported as failing, parsed from their text and checked
// against finite differences at the seed and sizes of the report. Each failed because the
// check's reference was inaccurate, not the derivative; numeric_test.cpp has the same
// mechanisms in minimal hand-built layers.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "expect_checks.h"
#include "sema/sema.h"
#include "syntax/syntax.h"

namespace ricci::ad::test {
namespace {

ir::Layer parse_layer(const std::string& text) {
  SourceFile file("regression.ricci", text);
  Diagnostics diags(file);
  ir::Module m = sema::analyze(syntax::parse(file, diags), diags);
  std::ostringstream errors;
  diags.render(errors);
  INFO(errors.str());
  REQUIRE(!diags.has_errors());
  REQUIRE(m.layers.size() == 1);
  return m.layers.front();
}

void expect_passes_at(const std::string& text, uint64_t seed, int64_t extent_size) {
  check::CheckOptions o;
  o.seed = seed;
  o.extent_size = extent_size;
  expect_checks_pass(parse_layer(text), o);
}

// d_A sums a term of 1e20 (through exp(s1), from the seed of s2) and the small term from the
// seed of s3: differences could not resolve g_d_s3 (error ~3).
TEST_CASE("random294: a small seed cotangent under a large one") {
  const std::string text = R"(layer random294 {
  s1[k,l,j] := relu(B[i,i,m]) * B[i,l,m]^2 * B[k,k,j] / A[k,l] - 0.5 * C^2 + 3 * cos(C)
  s1[k,l,j] += abs(B[m,i,i]) * exp(B[k,m,m]) / B[j,l,j]
  s2[i,l,k,j,m] := A[i,m]^2 + exp(s1[m,k,i]) * A[l,j] * sin(C)
  s3[k,l] := A[i,l]^2 * A[i,k]
}
)";
  for (uint64_t seed : {1, 2, 3}) expect_passes_at(text, seed, 3);
}

// The same, smaller: g_d_s3 against d_A, which holds the large term 0.5 * exp(s1) feeds in.
TEST_CASE("random335: a small seed cotangent under a large one") {
  expect_passes_at(R"(layer random335 {
  s1[j] := 3 * cos(A[j,k,j,l]) / A[k,k,j,l]
  s2[m,k,l] := A[i,i,m,j] * A[i,m,k,j] * A[i,j,j,l] - 0.5 * exp(s1[m])
  s2[m,k,l] += s1[m]
  s3[m,i] := 0.5 * A[i,m,k,k]
}
)",
                   335, 2);
}

// Strongly curved outputs: three-point differences at h = 1e-6 erred by 1.7e-6 (truncation).
TEST_CASE("random5023: truncation error of three-point differences") {
  expect_passes_at(R"(layer random5023 {
  grad A, B, C
  s1[j,k,i] := C[l] * exp(C[j]) / A[k,i,l]
  s2[l,m,j] := 0.5 * square(B[l,m]) * A[k,j,k] * s1[m,l,l] / B[k,l] - s1[k,m,m] * A[m,k,l] * B[k,l] - s1[j,k,i] * B[k,k] * square(s1[m,l,i])
  s3[k] := log(C[i]) * relu(B[k,i]) - C[l]^-2 * square(A[l,m,k]) * cos(s2[m,m,k])
}
)",
                   5023, 2);
}

// d_B up to 3 inside outputs near 1e5: rounding error at h = 1e-6 reached 1e-5.
TEST_CASE("random19437: rounding error at a small step") {
  expect_passes_at(R"(layer random19437 {
  s1[k,j] := A[k] * D[j,l,l]^3
  s2[m,l,i,j] := D[i,l,m]^-2 * square(A[j]) * s1[m,j] / A[j] - 1.5 * A[l] * D[i,k,l]^2 * B[k,l,m] + s1[j,l]
  s2[m,l,i,j] += s1[m,m] * s1[m,j]
  s3[l,i] := exp(s1[l,l]) - abs(s1[l,i]) * sqrt(C) * relu(C)
  s3[l,i] += s2[i,l,l,i]
}
)",
                   19437, 2);
}

}  // namespace
}  // namespace ricci::ad::test

// The correctness guards must fail on a disagreement, a NaN or a missing -O0 case.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>

#include "levels_agree.h"

namespace {

using ricci_bench::Case;
using ricci_bench::Program;

// A case whose every program writes `outputs`, except `odd`, which writes `odd_outputs`.
Case fake(const std::string& level, const std::string& dtype, std::vector<double> outputs,
          Program odd = Program::evaluate, std::vector<double> odd_outputs = {}) {
  Case c;
  c.layer = "layer";
  c.level = level;
  c.dtype = dtype;
  if (odd_outputs.empty()) odd_outputs = outputs;
  c.outputs = [=](Program program) { return program == odd ? odd_outputs : outputs; };
  return c;
}

bool agree(const std::vector<Case>& all, std::string* message = nullptr) {
  std::ostringstream out;
  const bool result = ricci_bench::levels_agree(all, out);
  if (message != nullptr) *message = out.str();
  return result;
}

}  // namespace

TEST_CASE("outputs equal to rounding agree") {
  CHECK(agree({fake("O1", "f64", {1.0, 2.0}), fake("O0", "f64", {1.0, 2.0 + 1e-12})}));
  CHECK(agree({fake("O1", "f32", {1000.0}), fake("O0", "f32", {1000.1})}));
}

TEST_CASE("a difference beyond the dtype's tolerance is reported") {
  std::string message;
  CHECK_FALSE(agree({fake("O1", "f64", {1.0, 2.0}), fake("O0", "f64", {1.0, 2.001})}, &message));
  CHECK(message.find("layer f64: evaluate at -O1 differs from -O0") != std::string::npos);
  CHECK_FALSE(agree({fake("O1", "f32", {1.0}), fake("O0", "f32", {1.01})}));
}

TEST_CASE("NaN, a size mismatch and a missing -O0 case fail") {
  CHECK_FALSE(agree({fake("O1", "f64", {std::nan("")}), fake("O0", "f64", {std::nan("")})}));
  CHECK_FALSE(agree({fake("O1", "f64", {1.0}), fake("O0", "f64", {1.0, 1.0})}));
  std::string message;
  CHECK_FALSE(agree({fake("O1", "f64", {1.0}), fake("O0", "f32", {1.0})}, &message));
  CHECK(message.find("no -O0 case") != std::string::npos);
}

bool saved_agrees(const Case& c, std::string* message = nullptr) {
  std::ostringstream out;
  const bool result = ricci_bench::saved_form_agrees({c}, out);
  if (message != nullptr) *message = out.str();
  return result;
}

TEST_CASE("the saved form agrees when it writes what the recomputing form writes") {
  CHECK(saved_agrees(fake("O1", "f64", {1.0, 2.0})));
  CHECK(saved_agrees(fake("O1", "f64", {1.0, 2.0}, Program::pullback_saved, {1.0, 2.0 + 1e-13})));
  CHECK(saved_agrees(fake("O1", "f32", {1.0}, Program::pullback2_saved, {1.0 + 1e-6})));
  // -O0 is the baseline, and its pullbacks too slow to run twice before every benchmark.
  CHECK(saved_agrees(fake("O0", "f64", {1.0}, Program::pullback_saved, {2.0})));
}

TEST_CASE("each saved program that differs from its recomputing one is reported") {
  std::string message;
  CHECK_FALSE(
      saved_agrees(fake("O1", "f64", {1.0, 2.0}, Program::pullback2_saved, {1.0, 2.0 + 1e-9}), &message));
  CHECK(message.find("layer f64 -O1: pullback2_saved differs from pullback2") != std::string::npos);
  CHECK_FALSE(saved_agrees(fake("O1", "f32", {1.0}, Program::evaluate_saved, {1.001})));
  CHECK_FALSE(saved_agrees(fake("O1", "f32", {1.0}, Program::pullback_saved, {std::nan("")})));
  CHECK_FALSE(saved_agrees(fake("O1", "f64", {1.0}, Program::pullback, {1.0, 1.0})));
}

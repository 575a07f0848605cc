// -O1 against -O0, and the saved form against the recomputing one: the largest difference
// relative to max(1, the largest reference output).
#include "levels_agree.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace ricci_bench {
namespace {

// Summation order differs between the levels, so they agree to rounding: float sums of up to
// ~10^7 products, double sums far tighter.
double tolerance(const std::string& dtype) { return dtype == "f32" ? 1e-3 : 1e-9; }

// Both forms run the same kernels on the same values (the saved form reads what the recomputing
// form computes again), so they agree far more tightly than the levels.
double saved_tolerance(const std::string& dtype) { return dtype == "f32" ? 1e-5 : 1e-12; }

// max |a - b| / max(1, max |b|), or NaN when any value is NaN or the sizes differ.
double relative_error(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return std::nan("");
  double scale = 1, worst = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (std::isnan(a[k]) || std::isnan(b[k])) return std::nan("");
    scale = std::max(scale, std::abs(b[k]));
    worst = std::max(worst, std::abs(a[k] - b[k]));
  }
  return worst / scale;
}

const Case* find(const std::vector<Case>& all, const Case& like, const std::string& level) {
  for (const Case& c : all)
    if (c.layer == like.layer && c.dtype == like.dtype && c.level == level) return &c;
  return nullptr;
}

}  // namespace

bool levels_agree(const std::vector<Case>& all, std::ostream& out) {
  bool agree = true;
  for (const Case& optimized : all) {
    if (optimized.level != "O1") continue;
    const Case* reference = find(all, optimized, "O0");
    const std::string what = optimized.layer + " " + optimized.dtype;
    if (reference == nullptr) {
      out << "error: " << what << ": no -O0 case to check -O1 against\n";
      agree = false;
      continue;
    }
    const double error =
        relative_error(optimized.outputs(Program::evaluate), reference->outputs(Program::evaluate));
    // Written so that NaN fails.
    if (!(error <= tolerance(optimized.dtype))) {
      out << "error: " << what << ": evaluate at -O1 differs from -O0 by " << error << " (tolerance "
          << tolerance(optimized.dtype) << ")\n";
      agree = false;
    }
  }
  return agree;
}

bool saved_form_agrees(const std::vector<Case>& all, std::ostream& out) {
  bool agree = true;
  for (const Case& c : all) {
    // -O1 only: the -O0 pullbacks take seconds a call, and -O0 is only the baseline.
    if (c.level != "O1") continue;
    for (Program saved : {Program::evaluate_saved, Program::pullback_saved, Program::pullback2_saved}) {
      const Program reference = recomputing(saved);
      const double error = relative_error(c.outputs(saved), c.outputs(reference));
      // Written so that NaN fails.
      if (!(error <= saved_tolerance(c.dtype))) {
        out << "error: " << c.layer << " " << c.dtype << " -" << c.level << ": " << program_name(saved)
            << " differs from " << program_name(reference) << " by " << error << " (tolerance "
            << saved_tolerance(c.dtype) << ")\n";
        agree = false;
      }
    }
  }
  return agree;
}

}  // namespace ricci_bench

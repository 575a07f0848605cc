// `ricci check`: every derivative of every layer against finite differences.
#include <fmt/format.h>

#include <cmath>
#include <ostream>

#include "check/check.h"
#include "cli/commands.h"
#include "cli/pipeline.h"

namespace ricci::cli {

ExitCode run_check(const CheckOptions& o, Streams& s) {
  auto spec = read_spec(o.spec, s.in, s.err);
  if (!spec) return ExitCode::io_error;
  auto ast = parse_spec(*spec, s.err, s.style.color);
  if (!ast) return ExitCode::spec_error;
  auto m = analyze_spec(*spec, *ast, s.err, s.style.color);
  if (!m) return ExitCode::spec_error;
  auto layers = select_layers(*m, o.layer, s.err);
  if (!layers) return ExitCode::usage_error;

  check::CheckOptions copts;
  copts.seed = o.seed;
  copts.dtype = o.dtype == "f32" ? check::DType::f32 : check::DType::f64;
  // The derivatives are differentiated from the optimized forward program, as `gen` does.
  const opt::OptOptions options{o.opt_level, {}};
  bool all_ok = true;
  for (const ir::Layer* l : *layers) {
    s.out << fmt::format("layer {} (seed {}, {}):\n", l->name, o.seed, o.dtype);
    for (const check::CheckResult& r : check::check_layer(optimized_layer(*l, options), copts)) {
      all_ok = all_ok && r.ok;
      s.out << fmt::format("  {:<12} max relative error {:<10.3g} {}\n", r.program, r.max_rel_error,
                           r.ok ? "ok" : "FAILED");
    }
  }
  s.out << (all_ok ? "all derivatives agree with finite differences\n" : "some derivatives disagree\n");
  return all_ok ? ExitCode::ok : ExitCode::spec_error;
}

}  // namespace ricci::cli

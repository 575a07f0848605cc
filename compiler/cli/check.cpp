// `ricci check`: every derivative of every layer against finite differences.
#include <fmt/format.h>

#include <cmath>
#include <ostream>

#include "check/check.h"
#include "cli/commands.h"
#include "cli/load_layers.h"
#include "cli/pipeline.h"

namespace ricci::cli {

ExitCode run_check(const CheckOptions& o, Streams& s) {
  ExitCode failure{};
  auto loaded = load_layers(o.spec, o.layer, s, failure);
  if (!loaded) return failure;

  check::CheckOptions copts;
  copts.seed = o.seed;
  copts.dtype = o.dtype == "f32" ? check::DType::f32 : check::DType::f64;
  // Exactly the programs `gen` emits at this level: evaluate optimized, each derivative
  // differentiated from it and optimized in turn.
  const opt::OptOptions options{o.opt_level, {}};
  bool all_ok = true;
  for (const ir::Layer& l : loaded->module->layers) {
    s.out << fmt::format("layer {} (seed {}, {}):\n", l.name, o.seed, o.dtype);
    for (const check::CheckResult& r : check::check_layer(l, emitted_programs(l, options), copts)) {
      all_ok = all_ok && r.ok;
      s.out << fmt::format("  {:<12} max relative error {:<10.3g} {}\n", r.program, r.max_rel_error,
                           r.ok ? "ok" : "FAILED");
    }
  }
  s.out << (all_ok ? "all derivatives agree with finite differences\n" : "some derivatives disagree\n");
  return all_ok ? ExitCode::ok : ExitCode::spec_error;
}

}  // namespace ricci::cli

// Shared helpers of the optimizer tests: layers from spec text, and the pipeline of
// `ricci gen` (evaluate optimized; each derivative from the optimized layer, optimized).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "ad/ad.h"
#include "interp/interp.h"
#include "opt/opt.h"
#include "sema/sema.h"
#include "support/diagnostics.h"
#include "syntax/syntax.h"

namespace ricci::opt::test {

inline ir::Module parse_module(const std::string& text) {
  SourceFile file("t.ricci", text);
  Diagnostics diags(file);
  syntax::Module m = syntax::parse(file, diags);
  ir::Module module = sema::analyze(m, diags);
  REQUIRE_MESSAGE(!diags.has_errors(), text);
  return module;
}

inline ir::Layer parse_layer(const std::string& text) { return parse_module(text).layers.at(0); }

inline ir::Layer optimized(const ir::Layer& layer, const OptOptions& o) {
  ir::Layer out = layer;
  out.evaluate = optimize(layer.evaluate, o);
  return out;
}

inline ir::Program derive(const ir::Layer& layer, ir::ProgramKind kind, const OptOptions& o) {
  ir::Layer l = optimized(layer, o);
  return kind == ir::ProgramKind::evaluate ? l.evaluate : optimize(ad::differentiate(l, kind), o);
}

inline const std::vector<ir::ProgramKind> kPrograms = {ir::ProgramKind::evaluate, ir::ProgramKind::pullback,
                                                       ir::ProgramKind::pushforward,
                                                       ir::ProgramKind::pullback2};

using Arrays = interp::Bindings<double>;

// Every input of `p`, positive (log, sqrt and division apply to inputs only), extent e of
// size 2 + e % 3, drawn from `seed`.
inline Arrays draw_inputs(const ir::Program& p, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> value(0.5, 1.5);
  Arrays in;
  for (ir::ValueId id : p.inputs) {
    interp::Array<double> a;
    int64_t n = 1;
    for (ir::ExtentId e : p.at(id).shape) {
      a.dims.push_back(2 + e % 3);
      n *= a.dims.back();
    }
    for (int64_t k = 0; k < n; ++k) a.data.push_back(value(rng));
    in[p.at(id).name] = std::move(a);
  }
  return in;
}

// The largest relative difference over the arrays of `want` (NaN if any is NaN).
inline double max_error(const Arrays& got, const Arrays& want) {
  double worst = 0;
  for (const auto& [name, ref] : want) {
    const interp::Array<double>& test = got.at(name);
    REQUIRE(test.dims == ref.dims);
    for (std::size_t k = 0; k < ref.data.size(); ++k) {
      double e = std::abs(test.data[k] - ref.data[k]) / std::max(1.0, std::abs(ref.data[k]));
      worst = std::isnan(e) ? e : std::max(worst, e);
    }
  }
  return worst;
}

}  // namespace ricci::opt::test

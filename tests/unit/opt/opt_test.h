// Shared helpers of the optimizer tests: layers from spec text, and the pipeline of
// `ricci gen` (evaluate optimized; each derivative from the optimized layer, optimized).
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "ad/ad.h"
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

}  // namespace ricci::opt::test

// Shared helpers of the sema unit tests: analyse a snippet, render its diagnostics.
#pragma once

#include <memory>
#include <sstream>
#include <string>

#include "ir/ir.h"
#include "ir/ir_api.h"
#include "sema/sema.h"
#include "support/diagnostics.h"
#include "syntax/syntax.h"

namespace ricci::sema::test {

struct Analyzed {
  std::unique_ptr<SourceFile> file;
  std::unique_ptr<Diagnostics> diags;
  ir::Module module;
  bool parse_ok = false;

  // Every diagnostic as `line:col: kind: message`, notes indented, one per line.
  std::string summary() const {
    std::string out;
    auto where = [&](SourceRange r) {
      LineCol lc = file->line_col(r.begin);
      return std::to_string(lc.line) + ":" + std::to_string(lc.column);
    };
    for (const Diagnostic& d : diags->all()) {
      out += where(d.range) + ": " + std::string(spelling(d.kind)) + ": " + d.message + "\n";
      for (const DiagNote& n : d.notes) out += "  " + where(n.range) + ": note: " + n.message + "\n";
    }
    return out;
  }

  std::string rendered() const {
    std::ostringstream os;
    diags->render(os);
    return os.str();
  }

  // The text a diagnostic's primary range covers.
  std::string_view covered(std::size_t k) const { return file->slice(diags->all().at(k).range); }

  const ir::Program& program(std::size_t layer = 0) const { return module.layers.at(layer).evaluate; }
  std::string ir(std::size_t layer = 0) const { return ir::print_ir(program(layer)); }
};

inline Analyzed analyze_text(std::string text) {
  Analyzed a;
  a.file = std::make_unique<SourceFile>("t.ricci", std::move(text));
  a.diags = std::make_unique<Diagnostics>(*a.file);
  syntax::Module m = syntax::parse(*a.file, *a.diags);
  a.parse_ok = !a.diags->has_errors();
  a.module = analyze(m, *a.diags);
  for (const ir::Layer& l : a.module.layers) ir::verify(l.evaluate);
  return a;
}

}  // namespace ricci::sema::test

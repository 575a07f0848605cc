// `ricci show`: print what a phase produced (tokens, ast, ir, math or cpp).
#include <fmt/format.h>

#include <ostream>

#include "cli/commands.h"
#include "cli/pipeline.h"
#include "codegen/codegen.h"
#include "ir/ir_api.h"
#include "syntax/syntax.h"

namespace ricci::cli {

namespace {

std::vector<ir::ProgramKind> selected_programs(const std::string& name) {
  if (name == "all") return kAllPrograms;
  for (ir::ProgramKind k : kAllPrograms)
    if (name == ir::program_name(k)) return {k};
  return {};
}

}  // namespace

ExitCode run_show(const ShowOptions& o, Streams& s) {
  if (o.emit == "tokens") {
    // Lexing alone: a spec that does not parse still shows its tokens.
    auto spec = read_spec(o.spec, s.in, s.err);
    if (!spec) return ExitCode::io_error;
    auto tokens = syntax::lex(*spec->file, *spec->diags);
    s.out << syntax::dump_tokens(tokens, *spec->file);
    spec->diags->render(s.err, s.style.color);
    return spec->diags->has_errors() ? ExitCode::spec_error : ExitCode::ok;
  }
  ExitCode failure{};
  auto loaded = load_spec(o.spec, s, failure, o.emit == "ast" ? Stage::parse : Stage::analyze);
  if (!loaded) return failure;
  if (o.emit == "ast") {
    s.out << syntax::dump_ast(loaded->ast, *loaded->spec.file);
    return ExitCode::ok;
  }
  const ir::Module& m = *loaded->module;
  auto layers = select_layers(m, o.layer, s.err);
  if (!layers) return ExitCode::usage_error;
  const opt::OptOptions options{o.opt_level, {}};

  if (o.emit == "cpp") {
    ir::Module only = m;
    only.layers.clear();
    for (const ir::Layer* l : *layers) only.layers.push_back(*l);
    codegen::CppOptions copts;
    copts.source_name = loaded->spec.file->name();
    copts.stem = "layers";
    copts.version = RICCI_VERSION;
    for (const codegen::OutputFile& f : codegen::emit_cpp(derive_module(only, options), copts))
      s.out << fmt::format("// ---- {} ----\n{}", f.name, f.contents);
    return ExitCode::ok;
  }
  bool first = true;
  for (const ir::Layer* l : *layers) {
    for (const ir::Program& p : derive_programs(*l, selected_programs(o.program), options)) {
      if (!first) s.out << "\n";
      first = false;
      if (o.emit == "ir") {
        s.out << ir::print_ir(p);
      } else {
        s.out << fmt::format("# layer {}: {}\n", p.layer, ir::program_name(p.kind)) << ir::print_math(p);
      }
    }
  }
  return ExitCode::ok;
}

}  // namespace ricci::cli

// `ricci show`: print what a phase produced (tokens, ast, ir, math, cpp or cuda), to standard
// output or, with `--emit=KIND=PATH`, to a file.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "cli/commands.h"
#include "cli/files.h"
#include "cli/outputs.h"
#include "cli/pipeline.h"
#include "codegen/codegen.h"
#include "cuda/cuda.h"
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

bool wants(const std::vector<EmitRequest>& emits, const std::vector<std::string>& kinds) {
  return std::any_of(emits.begin(), emits.end(), [&](const EmitRequest& r) {
    return std::find(kinds.begin(), kinds.end(), r.kind) != kinds.end();
  });
}

// Prints or writes one rendered kind; io_error when its file cannot be written.
ExitCode deliver(const EmitRequest& r, const std::string& text, Streams& s) {
  if (r.path.empty()) {
    s.out << text;
    return ExitCode::ok;
  }
  std::string why;
  if (write_if_changed(r.path, text, why) == WriteResult::failed) {
    s.err << fmt::format("error: cannot write `{}`: {}\n", r.path, why);
    return ExitCode::io_error;
  }
  return ExitCode::ok;
}

// Lexing alone: a spec that does not parse still shows its tokens, with the lexer's errors.
ExitCode show_tokens_only(const std::vector<EmitRequest>& emits, Spec& spec, Streams& s) {
  const std::string text = syntax::dump_tokens(syntax::lex(*spec.file, *spec.diags), *spec.file);
  spec.diags->render(s.err, s.style.color);
  for (const EmitRequest& r : emits)
    if (ExitCode e = deliver(r, text, s); e != ExitCode::ok) return e;
  return spec.diags->has_errors() ? ExitCode::spec_error : ExitCode::ok;
}

// The derived programs of the selected layers, printed with `print` (print_ir or print_math).
template <typename Print>
std::string render_programs(const std::vector<std::vector<ir::Program>>& programs, Print print) {
  std::string text;
  for (const std::vector<ir::Program>& layer : programs)
    for (const ir::Program& p : layer) {
      if (!text.empty()) text += '\n';
      text += print(p);
    }
  return text;
}

}  // namespace

ExitCode run_show(const ShowOptions& o, Streams& s) {
  const std::vector<EmitRequest> emits = o.emits.empty() ? std::vector<EmitRequest>{{"math", ""}} : o.emits;
  auto spec = read_spec(o.spec, s.in, s.err);
  if (!spec) return ExitCode::io_error;
  if (!wants(emits, {"ast", "ir", "math", "cpp", "cuda"})) return show_tokens_only(emits, *spec, s);

  // The parser reports the lexer's errors itself; the tokens here are only printed.
  Diagnostics lex_diags(*spec->file);
  const std::vector<syntax::Token> tokens = syntax::lex(*spec->file, lex_diags);
  auto ast = parse_spec(*spec, s.err, s.style.color);
  if (!ast) return ExitCode::spec_error;
  std::optional<ir::Module> m;
  std::vector<const ir::Layer*> layers;
  if (wants(emits, {"ir", "math", "cpp", "cuda"})) {
    m = analyze_spec(*spec, *ast, s.err, s.style.color);
    if (!m) return ExitCode::spec_error;
    auto selected = select_layers(*m, o.layer, s.err);
    if (!selected) return ExitCode::usage_error;
    layers = *selected;
  }
  const opt::OptOptions options{o.opt_level, {}};
  std::vector<std::vector<ir::Program>> programs;
  if (wants(emits, {"ir", "math"}))
    for (const ir::Layer* l : layers) programs.push_back(derive_programs(*l, selected_programs(o.program), options));

  for (const EmitRequest& r : emits) {
    std::string text;
    if (r.kind == "tokens") {
      text = syntax::dump_tokens(tokens, *spec->file);
    } else if (r.kind == "ast") {
      text = syntax::dump_ast(*ast, *spec->file);
    } else if (r.kind == "ir") {
      text = render_programs(programs, [](const ir::Program& p) { return ir::print_ir(p); });
    } else if (r.kind == "math") {
      text = render_programs(programs, [](const ir::Program& p) {
        return fmt::format("# layer {}: {}\n", p.layer, ir::program_name(p.kind)) + ir::print_math(p);
      });
    } else {
      ir::Module only = *m;
      only.layers.clear();
      for (const ir::Layer* l : layers) only.layers.push_back(*l);
      codegen::CppOptions copts;
      copts.source_name = spec->file->name();
      copts.stem = "layers";
      copts.version = RICCI_VERSION;
      const std::vector<codegen::LayerPrograms> derived = derive_module(only, options);
      text = concatenate(r.kind == "cuda" ? cuda::emit_cuda(derived, copts) : codegen::emit_cpp(derived, copts));
    }
    if (ExitCode e = deliver(r, text, s); e != ExitCode::ok) return e;
  }
  return ExitCode::ok;
}

}  // namespace ricci::cli

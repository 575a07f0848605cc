// `ricci show`: print what a phase produced (tokens, ast, ir, math, cpp or cuda), to standard
// output or, with `--emit=KIND=PATH`, to a file.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "cli/commands.h"
#include "cli/load_layers.h"
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

// Lexing alone: a spec that does not parse still shows its tokens, with the lexer's errors.
ExitCode show_tokens_only(const std::vector<EmitRequest>& emits, Spec& spec, Streams& s) {
  const std::string text = syntax::dump_tokens(syntax::lex(*spec.file, *spec.diags), *spec.file);
  spec.diags->render(s.err, s.style.color);
  for (const EmitRequest& r : emits)
    if (ExitCode e = write_output(r.path, text, s); e != ExitCode::ok) return e;
  return spec.diags->has_errors() ? ExitCode::spec_error : ExitCode::ok;
}

// The programs of `kinds` in the derived layers, printed with `print` (print_ir or print_math).
template <typename Print>
std::string render_programs(const std::vector<codegen::LayerPrograms>& derived,
                            const std::vector<ir::ProgramKind>& kinds, Print print) {
  std::string text;
  for (const codegen::LayerPrograms& layer : derived)
    for (const ir::Program& p : layer.programs) {
      if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) continue;
      if (!text.empty()) text += '\n';
      text += print(p);
    }
  return text;
}

}  // namespace

ExitCode run_show(const ShowOptions& o, Streams& s) {
  const std::vector<EmitRequest> emits = o.emits.empty() ? std::vector<EmitRequest>{{"math", ""}} : o.emits;
  if (!wants(emits, {"ast", "ir", "math", "cpp", "cuda"})) {
    auto spec = read_spec(o.spec, s.in, s.err);
    if (!spec) return ExitCode::io_error;
    return show_tokens_only(emits, *spec, s);
  }

  const bool derives = wants(emits, {"ir", "math", "cpp", "cuda"});
  ExitCode failure{};
  auto loaded = load_layers(o.spec, o.layer, s, failure, derives ? Stage::analyze : Stage::parse);
  if (!loaded) return failure;
  const SourceFile& file = *loaded->spec.file;
  // Derived once for every kind that prints them: ir and math pick the selected programs, and
  // only the backends emit the saved form.
  const std::vector<codegen::LayerPrograms> derived =
      derives ? derive_module(*loaded->module, opt::OptOptions{o.opt_level, {}}, wants(emits, {"cpp", "cuda"}))
              : std::vector<codegen::LayerPrograms>{};
  const std::vector<ir::ProgramKind> programs = selected_programs(o.program);

  for (const EmitRequest& r : emits) {
    std::string text;
    if (r.kind == "tokens") {
      // The parser has reported the lexer's errors; the tokens here are only printed.
      Diagnostics lex_diags(file);
      text = syntax::dump_tokens(syntax::lex(file, lex_diags), file);
    } else if (r.kind == "ast") {
      text = syntax::dump_ast(loaded->ast, file);
    } else if (r.kind == "ir") {
      text = render_programs(derived, programs, [](const ir::Program& p) { return ir::print_ir(p); });
    } else if (r.kind == "math") {
      text = render_programs(derived, programs, [](const ir::Program& p) {
        return fmt::format("# layer {}: {}\n", p.layer, ir::program_name(p.kind)) + ir::print_math(p);
      });
    } else {
      codegen::CppOptions copts;
      copts.source_name = file.name();
      copts.stem = "layers";
      copts.version = RICCI_VERSION;
      text = concatenate(r.kind == "cuda" ? cuda::emit_cuda(derived, copts) : codegen::emit_cpp(derived, copts));
    }
    if (ExitCode e = write_output(r.path, text, s); e != ExitCode::ok) return e;
  }
  return ExitCode::ok;
}

}  // namespace ricci::cli

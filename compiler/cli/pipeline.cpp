// Reading specs and running the front end, differentiation and optimizer for the subcommands.
#include "cli/pipeline.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "ad/ad.h"
#include "opt/saved.h"
#include "sema/sema.h"
#include "support/internal_error.h"
#include "syntax/syntax.h"

namespace ricci::cli {

// Source ranges are 32-bit offsets; a spec is text written by people, far below this.
constexpr std::size_t kMaxSpecBytes = std::size_t{256} << 20;

std::optional<Spec> read_spec(const std::string& path, std::istream& in, std::ostream& err) {
  std::string text;
  std::string name = path;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    name = "<stdin>";
    if (text.size() > kMaxSpecBytes) {
      err << "error: cannot read standard input: larger than 256 MiB\n";
      return std::nullopt;
    }
  } else {
    std::ifstream f(path, std::ios::binary);
    if (!f) {
      err << fmt::format("error: cannot read `{}`: no such file or not readable\n", path);
      return std::nullopt;
    }
    text.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    if (f.bad() || text.size() > kMaxSpecBytes) {
      err << fmt::format("error: cannot read `{}`{}\n", path,
                         text.size() > kMaxSpecBytes ? ": larger than 256 MiB" : "");
      return std::nullopt;
    }
  }
  Spec spec;
  spec.file = std::make_unique<SourceFile>(name, std::move(text));
  spec.diags = std::make_unique<Diagnostics>(*spec.file);
  return spec;
}

std::optional<syntax::Module> parse_spec(Spec& spec, std::ostream& err, bool color) {
  syntax::Module ast = syntax::parse(*spec.file, *spec.diags);
  if (spec.diags->has_errors()) {
    spec.diags->render(err, color);
    return std::nullopt;
  }
  return ast;
}

std::optional<ir::Module> analyze_spec(Spec& spec, const syntax::Module& ast, std::ostream& err, bool color) {
  ir::Module m = sema::analyze(ast, *spec.diags);
  m.source_name = spec.file->name();
  spec.diags->render(err, color);
  if (spec.diags->has_errors()) return std::nullopt;
  return m;
}

std::optional<LoadedSpec> load_spec(const std::string& path, Streams& s, ExitCode& failure, Stage stop) {
  failure = ExitCode::io_error;
  auto spec = read_spec(path, s.in, s.err);
  if (!spec) return std::nullopt;
  failure = ExitCode::spec_error;
  auto ast = parse_spec(*spec, s.err, s.style.color);
  if (!ast) return std::nullopt;
  LoadedSpec loaded{std::move(*spec), std::move(*ast), std::nullopt};
  if (stop == Stage::analyze) {
    loaded.module = analyze_spec(loaded.spec, loaded.ast, s.err, s.style.color);
    if (!loaded.module) return std::nullopt;
  }
  failure = ExitCode::ok;
  return loaded;
}

std::optional<std::vector<const ir::Layer*>> select_layers(const ir::Module& m, const std::string& name,
                                                           std::ostream& err) {
  std::vector<const ir::Layer*> out;
  for (const ir::Layer& l : m.layers)
    if (name.empty() || l.name == name) out.push_back(&l);
  if (out.empty()) {
    std::string known;
    for (const ir::Layer& l : m.layers) known += (known.empty() ? "`" : ", `") + l.name + "`";
    err << fmt::format("error: no layer `{}` in `{}` (layers: {})\n", name, m.source_name,
                       known.empty() ? "none" : known);
    return std::nullopt;
  }
  return out;
}

const std::vector<ir::ProgramKind> kAllPrograms = {ir::ProgramKind::evaluate, ir::ProgramKind::pullback,
                                                   ir::ProgramKind::pushforward, ir::ProgramKind::pullback2};

ir::Layer optimized_layer(const ir::Layer& layer, const opt::OptOptions& options) {
  ir::Layer out = layer;
  out.evaluate = opt::optimize(layer.evaluate, options);
  return out;
}

std::vector<ir::Program> derive_programs(const ir::Layer& layer, const std::vector<ir::ProgramKind>& kinds,
                                         const opt::OptOptions& options) {
  ir::Layer optimized = optimized_layer(layer, options);
  std::vector<ir::Program> out;
  for (ir::ProgramKind k : kinds) {
    if (k == ir::ProgramKind::evaluate) {
      out.push_back(optimized.evaluate);
    } else {
      out.push_back(opt::optimize(ad::differentiate(optimized, k), options));
    }
  }
  return out;
}

check::Programs emitted_programs(const ir::Layer& layer, const opt::OptOptions& options) {
  std::vector<ir::Program> p = derive_programs(layer, kAllPrograms, options);
  return {std::move(p.at(0)), std::move(p.at(1)), std::move(p.at(2)), std::move(p.at(3))};
}

schedule::ScheduleOptions schedule_options(int level) {
  const bool optimize = level >= 1;
  return schedule::ScheduleOptions{.gemm = optimize, .fuse = optimize, .inline_elementwise = optimize,
                                   .share_nests = optimize};
}

codegen::SavedPrograms saved_form(const std::vector<ir::Program>& programs) {
  RICCI_CHECK(programs.at(0).kind == ir::ProgramKind::evaluate, "the saved form starts from evaluate");
  std::vector<const ir::Program*> readers;
  for (const ir::Program& p : programs) {
    if (p.kind == ir::ProgramKind::pullback || p.kind == ir::ProgramKind::pullback2) readers.push_back(&p);
  }
  opt::SavedForm form = opt::save_intermediates(programs[0], readers);
  codegen::SavedPrograms saved{std::move(form.saved), {std::move(form.evaluate)}};
  for (ir::Program& p : form.readers) saved.programs.push_back(std::move(p));
  return saved;
}

std::vector<codegen::LayerPrograms> derive_module(const ir::Module& m, const opt::OptOptions& options,
                                                  bool with_saved) {
  std::vector<codegen::LayerPrograms> out;
  for (const ir::Layer& l : m.layers) {
    std::vector<ir::Program> programs = derive_programs(l, kAllPrograms, options);
    std::optional<codegen::SavedPrograms> saved;
    if (with_saved) saved = saved_form(programs);
    out.push_back({l.name, l.line, std::move(programs), schedule_options(options.level), std::move(saved), l.lines});
  }
  return out;
}

}  // namespace ricci::cli

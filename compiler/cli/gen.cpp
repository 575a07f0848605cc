// `ricci gen`: generate C++ or CUDA for every layer; nothing is written unless the spec is clean.
#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "cli/commands.h"
#include "cli/outputs.h"
#include "cli/pipeline.h"
#include "codegen/codegen.h"
#include "cuda/cuda.h"

namespace ricci::cli {

namespace fs = std::filesystem;

namespace {

std::string default_stem(const std::string& spec) {
  if (spec == "-") return "stdin";
  return fs::path(spec).stem().string();
}

}  // namespace

ExitCode run_gen(const GenOptions& o, Streams& s) {
  if (ExitCode e = check_targets(o.outputs, s); e != ExitCode::ok) return e;
  ExitCode failure{};
  auto loaded = load_spec(o.spec, s, failure);
  if (!loaded) return failure;
  const ir::Module& m = *loaded->module;

  codegen::CppOptions copts;
  copts.source_name = o.spec == "-" ? "<stdin>" : fs::path(o.spec).filename().string();
  copts.stem = o.stem.empty() ? default_stem(o.spec) : o.stem;
  copts.ns = o.ns;
  copts.driver = o.driver;
  copts.line_directives = o.line_directives;
  copts.version = RICCI_VERSION;
  const std::vector<codegen::LayerPrograms> layers = derive_module(m, opt::OptOptions{o.opt_level, {}});
  const std::vector<codegen::OutputFile> files =
      o.target == "cuda" ? cuda::emit_cuda(layers, copts) : codegen::emit_cpp(layers, copts);

  std::vector<std::string> deps;
  if (o.spec != "-") deps.push_back(o.spec);
  return write_outputs(files, o.outputs, deps, s);
}

}  // namespace ricci::cli

// `ricci gen`: generate C++ for every layer; nothing is written unless the spec is clean.
#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "cli/commands.h"
#include "cli/files.h"
#include "cli/pipeline.h"
#include "codegen/codegen.h"

namespace ricci::cli {

namespace fs = std::filesystem;

namespace {

std::string default_stem(const std::string& spec) {
  if (spec == "-") return "stdin";
  return fs::path(spec).stem().string();
}

}  // namespace

ExitCode run_gen(const GenOptions& o, Streams& s) {
  ExitCode failure{};
  auto loaded = load_spec(o.spec, s, failure);
  if (!loaded) return failure;
  const ir::Module& m = *loaded->module;

  codegen::CppOptions copts;
  copts.source_name = o.spec == "-" ? "<stdin>" : fs::path(o.spec).filename().string();
  copts.stem = o.stem.empty() ? default_stem(o.spec) : o.stem;
  copts.ns = o.ns;
  copts.driver = o.driver;
  copts.version = RICCI_VERSION;
  std::vector<codegen::OutputFile> files = codegen::emit_cpp(derive_module(m, opt::OptOptions{o.opt_level, {}}), copts);

  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) {
    s.err << fmt::format("error: cannot create directory `{}`: {}\n", o.out_dir, ec.message());
    return ExitCode::io_error;
  }
  for (const codegen::OutputFile& f : files) {
    std::string path = (fs::path(o.out_dir) / f.name).string();
    std::string why;
    if (write_if_changed(path, f.contents, why) == WriteResult::failed) {
      s.err << fmt::format("error: cannot write `{}`: {}\n", path, why);
      return ExitCode::io_error;
    }
  }
  return ExitCode::ok;
}

}  // namespace ricci::cli

// `ricci scan`: the functions a C++ header declares with RICCI_LAYER, defined together with
// their derivatives; nothing is written unless the header and every spec in it are clean.
#include "cli/commands.h"

#include <ostream>

#ifdef RICCI_HAVE_SCAN
#include <fmt/format.h>

#include <filesystem>

#include "cli/outputs.h"
#include "cli/pipeline.h"
#include "scan/scan.h"
#endif

namespace ricci::cli {

#ifdef RICCI_HAVE_SCAN

namespace fs = std::filesystem;

namespace {

// The layers' code (emit_cpp, as `ricci gen` writes it) and the definitions on top of it.
std::vector<codegen::OutputFile> generate(const scan::Header& header, const ir::Module& m, const ScanOptions& o) {
  std::string stem = o.stem.empty() ? fs::path(o.header).stem().string() : o.stem;
  std::vector<codegen::LayerPrograms> layers = derive_module(m, opt::OptOptions{o.opt_level, {}});
  codegen::CppOptions copts;
  copts.source_name = fs::path(o.header).filename().string();
  copts.version = RICCI_VERSION;
  copts.stem = stem + "_layers";
  copts.ns = scan::layers_namespace(header);
  std::vector<codegen::OutputFile> files = codegen::emit_cpp(layers, copts);
  for (codegen::OutputFile& f : scan::emit_definitions(header, layers, {stem, copts.stem, RICCI_VERSION}))
    files.push_back(std::move(f));
  return files;
}

}  // namespace

ExitCode run_scan(const ScanOptions& o, Streams& s) {
  if (ExitCode e = check_targets(o.outputs, s); e != ExitCode::ok) return e;
  std::error_code ec;
  if (!fs::is_regular_file(o.header, ec)) {
    s.err << fmt::format("error: cannot read `{}`: no such file or not readable\n", o.header);
    return ExitCode::io_error;
  }
  if (!o.build_dir.empty() && !fs::is_regular_file(fs::path(o.build_dir) / "compile_commands.json", ec)) {
    s.err << fmt::format("error: no compile_commands.json in `{}`\n", o.build_dir);
    return ExitCode::io_error;
  }
  std::optional<scan::Header> header = scan::read_header({o.header, o.build_dir, o.extra_flags, s.style.color}, s.err);
  if (!header) return ExitCode::spec_error;
  if (header->declarations.empty()) {
    s.err << fmt::format("error: `{}` declares no function with RICCI_LAYER\n", o.header);
    return ExitCode::spec_error;
  }
  Diagnostics diags(*header->file);
  ir::Module m = scan::analyze_layers(*header, diags);
  diags.render(s.err, s.style.color);
  if (diags.has_errors()) return ExitCode::spec_error;

  std::vector<codegen::OutputFile> files = generate(*header, m, o);
  for (const codegen::OutputFile& f : files) {
    if (fs::equivalent(fs::path(o.outputs.out_dir) / f.name, o.header, ec)) {
      s.err << fmt::format("error: `{}` would overwrite the scanned header; choose another -o or --stem\n",
                           (fs::path(o.outputs.out_dir) / f.name).string());
      return ExitCode::usage_error;
    }
  }
  std::vector<std::string> deps{o.header};
  deps.insert(deps.end(), header->included_files.begin(), header->included_files.end());
  return write_outputs(files, o.outputs, deps, s);
}

#else

ExitCode run_scan(const ScanOptions&, Streams& s) {
  s.err << "error: `ricci scan` needs Clang libTooling, which this ricci was built without "
           "(configure with libclang-14-dev installed and RICCI_SCAN=ON)\n";
  return ExitCode::usage_error;
}

#endif

}  // namespace ricci::cli

// Argument parsing with CLI11 and dispatch to the subcommands; the only place that catches.
#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/color.h"
#include "cli/commands.h"
#include "cli/emit_request.h"
#include "support/internal_error.h"

namespace ricci::cli {
namespace {

const char* const kVersion = RICCI_VERSION;

bool resolve_color(const std::string& mode, std::ostream& err) {
  return use_color(mode, std::getenv("NO_COLOR"), &err == &std::cerr && isatty(STDERR_FILENO));
}

void add_opt_level(CLI::App* cmd, int& level) {
  cmd->add_option("-O", level, "Optimization level: 1 (default) plans every product, 0 keeps products as written")
      ->check(CLI::IsMember({0, 1}));
}

// -o, --depfile and --depfile-target, which gen and scan share; `depfile_help` says what the depfile lists.
void add_output_targets(CLI::App* cmd, OutputTargets& targets, const std::string& depfile_help) {
  cmd->add_option("-o,--out-dir", targets.out_dir,
                  "Directory for the generated files; - prints them, each after a `// ==> name <==` line")
      ->required();
  cmd->add_option("--depfile", targets.depfile, depfile_help);
  cmd->add_option("--depfile-target", targets.depfile_target,
                  "The depfile's rule target (default: the first generated file)");
}

const std::vector<std::string> kPrograms = {"evaluate", "pullback", "pushforward", "pullback2", "all"};

}  // namespace

ExitCode run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  CLI::App app{"ricci: a differentiation compiler for tensor expressions in Einstein notation", "ricci"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("ricci ") + kVersion);
  std::string color = "auto";
  app.add_option("--color", color, "Colour diagnostics: auto, always or never (NO_COLOR disables auto)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  // --color is accepted after the subcommand too: `ricci gen --color=never ...`.
  app.fallthrough();

  GenOptions gen;
  CLI::App* gen_cmd = app.add_subcommand("gen", "Generate C++ for every layer of a spec");
  gen_cmd->footer(
      "Example:\n  ricci gen examples/bilinear.ricci -o build/gen --driver --depfile build/gen/bilinear.d");
  gen_cmd->add_option("spec", gen.spec, "The .ricci spec (- for standard input)")->required();
  add_output_targets(gen_cmd, gen.outputs, "Also write a Makefile-syntax depfile listing what was read");
  gen_cmd->add_option("--target", gen.target, "cpp (default): C++ for the CPU; cuda: CUDA C++ (.cuh, .cu)")
      ->check(CLI::IsMember({"cpp", "cuda"}));
  gen_cmd->add_option("--namespace", gen.ns, "Enclosing C++ namespace, e.g. model::layers");
  gen_cmd->add_option("--stem", gen.stem, "Output file stem (default: the spec's file name)");
  gen_cmd->add_flag("--driver", gen.driver, "Also write <layer>_driver.cpp, a command-line harness per layer");
  gen_cmd->add_flag("--line-directives", gen.line_directives,
                    "Emit #line directives so that compiler errors and debuggers point into the spec");
  add_opt_level(gen_cmd, gen.opt_level);

  ShowOptions show;
  CLI::App* show_cmd = app.add_subcommand("show", "Print what a phase produced");
  show_cmd->footer(
      "Example:\n  ricci show examples/bilinear.ricci --emit=math --program=pullback --emit=cpp=bilinear.txt");
  show_cmd->add_option("spec", show.spec, "The .ricci spec (- for standard input)")->required();
  show_cmd->add_option_function<std::vector<std::string>>(
               "--emit",
               [&show](const std::vector<std::string>& texts) {
                 for (const std::string& t : texts) show.emits.push_back(*parse_emit_request(t));
               },
               "KIND[=PATH], repeatable: tokens, ast, ir, math (default), cpp or cuda; =PATH writes to a file")
      ->check(CLI::Validator(
          [](std::string& text) {
            return parse_emit_request(text) ? std::string() : "expected KIND or KIND=PATH with KIND one of " +
                                                                  fmt::format("{}", fmt::join(kEmitKinds, ", "));
          },
          "KIND[=PATH]"));
  show_cmd->add_option("--layer", show.layer, "Only this layer");
  show_cmd->add_option("--program", show.program, "evaluate, pullback, pushforward, pullback2 or all")
      ->check(CLI::IsMember(kPrograms));
  add_opt_level(show_cmd, show.opt_level);

  CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "Verify every derivative numerically with the interpreter");
  check_cmd->footer("Example:\n  ricci check examples/mlp.ricci --seed 7");
  check_cmd->add_option("spec", check.spec, "The .ricci spec (- for standard input)")->required();
  check_cmd->add_option("--layer", check.layer, "Only this layer");
  check_cmd->add_option("--dtype", check.dtype, "Element type of the programs under test: f64 or f32")
      ->check(CLI::IsMember({"f64", "f32"}));
  check_cmd->add_option("--seed", check.seed, "Seed of the random inputs");
  add_opt_level(check_cmd, check.opt_level);

  ExplainOptions explain;
  CLI::App* explain_cmd =
      app.add_subcommand("explain", "Print each program's contraction plan with FLOP and memory counts");
  explain_cmd->footer("Example:\n  ricci explain examples/bilinear.ricci --dims i=256,j=256,k=256,l=64");
  explain_cmd->add_option("spec", explain.spec, "The .ricci spec (- for standard input)")->required();
  explain_cmd->add_option("--layer", explain.layer, "Only this layer");
  explain_cmd->add_option("--dims", explain.dims, "Extent sizes, e.g. i=256,j=256 (override `dims` hints)");
  explain_cmd->add_option("--format", explain.format, "text, or dot for a Graphviz dataflow graph")
      ->check(CLI::IsMember({"text", "dot"}));
  add_opt_level(explain_cmd, explain.opt_level);

  ScanOptions scan;
#ifdef RICCI_HAVE_SCAN
  const char* scan_about = "Generate the layers declared with RICCI_LAYER in a C++ header";
#else
  const char* scan_about =
      "Generate the layers declared with RICCI_LAYER in a C++ header (unavailable: built without Clang libTooling)";
#endif
  CLI::App* scan_cmd = app.add_subcommand("scan", scan_about);
  scan_cmd->footer("Example:\n  ricci scan include/model.hpp -p build -o build/gen");
  scan_cmd->add_option("header", scan.header, "The C++ header to scan")->required();
  scan_cmd->add_option("-p", scan.build_dir, "Build directory holding compile_commands.json");
  add_output_targets(scan_cmd, scan.outputs,
                     "Also write a Makefile-syntax depfile listing the header and every file it includes");
  scan_cmd->add_option("--stem", scan.stem, "Output file stem (default: the header's file name)");
  scan_cmd->add_option("extra", scan.extra_flags, "Compiler flags for the header, after --");
  add_opt_level(scan_cmd, scan.opt_level);

  try {
    app.parse(std::vector<std::string>(args.rbegin(), args.rend()));
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out, err);
    return code == 0 ? ExitCode::ok : ExitCode::usage_error;
  }

  Streams s{in, out, err, OutputStyle{resolve_color(color, err)}};
  try {
    if (*gen_cmd) return run_gen(gen, s);
    if (*show_cmd) return run_show(show, s);
    if (*explain_cmd) return run_explain(explain, s);
    if (*scan_cmd) return run_scan(scan, s);
    return run_check(check, s);
  } catch (const InternalError& e) {
    err << e.what() << "\nplease report this bug with the spec that triggered it\n";
  } catch (const std::exception& e) {
    err << "internal compiler error: unexpected exception: " << e.what() << "\n";
  }
  return ExitCode::internal_error;
}

}  // namespace ricci::cli

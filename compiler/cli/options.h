// One options struct per subcommand, filled by CLI11 in cli.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ricci::cli {

struct OutputStyle {
  bool color = false;  // resolved from --color and NO_COLOR
};

// Where gen and scan put the files they generate, and the depfile that lists what they read.
struct OutputTargets {
  std::string out_dir;         // `-`: every file to standard output, each after a `// ==> name <==` line
  std::string depfile;         // empty: no depfile
  std::string depfile_target;  // the depfile's rule target; default: the first generated file
};

struct GenOptions {
  std::string spec;
  OutputTargets outputs;
  std::string ns;
  std::string stem;            // default: the spec's file name without extension
  std::string target = "cpp";  // cpp | cuda
  bool driver = false;
  bool line_directives = false;  // #line directives mapping loops back to the spec
  int opt_level = 1;             // -O0 | -O1
};

// One `--emit=KIND[=PATH]`: what to print, and the file it goes to (empty: standard output).
struct EmitRequest {
  std::string kind;  // tokens | ast | ir | math | cpp | cuda
  std::string path;
};

struct ShowOptions {
  std::string spec;
  std::vector<EmitRequest> emits;  // in command-line order; none given: math to standard output
  std::string layer;            // empty: all layers
  std::string program = "all";  // evaluate | pullback | pushforward | pullback2 | all
  int opt_level = 1;
};

struct CheckOptions {
  std::string spec;
  std::string layer;
  std::string dtype = "f64";
  uint64_t seed = 1;
  int opt_level = 1;
};

struct ExplainOptions {
  std::string spec;
  std::string layer;
  std::string dims;             // `i=256,j=256`: extent sizes, overriding `dims` hints
  std::string format = "text";  // text | dot
  int opt_level = 1;
};

// `ricci scan`: layers declared in a C++ header with RICCI_LAYER("...").
struct ScanOptions {
  std::string header;
  std::string build_dir;                 // -p: where compile_commands.json is
  OutputTargets outputs;                 // -o: where the definitions go
  std::string stem;                      // default: the header's file name without extension
  std::vector<std::string> extra_flags;  // after `--`: compiler flags for the header
  int opt_level = 1;
};

}  // namespace ricci::cli

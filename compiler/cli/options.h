// One options struct per subcommand, filled by CLI11 in cli.cpp.
#pragma once

#include <cstdint>
#include <string>

namespace ricci::cli {

struct OutputStyle {
  bool color = false;  // resolved from --color and NO_COLOR
};

struct GenOptions {
  std::string spec;
  std::string out_dir;
  std::string ns;
  std::string stem;  // default: the spec's file name without extension
  bool driver = false;
  int opt_level = 1;  // -O0 | -O1
};

struct ShowOptions {
  std::string spec;
  std::string emit = "math";    // tokens | ast | ir | math | cpp
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

}  // namespace ricci::cli

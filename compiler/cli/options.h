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
};

struct ShowOptions {
  std::string spec;
  std::string emit = "math";    // tokens | ast | ir | math | cpp
  std::string layer;            // empty: all layers
  std::string program = "all";  // evaluate | pullback | pushforward | pullback2 | all
};

struct CheckOptions {
  std::string spec;
  std::string layer;
  std::string dtype = "f64";
  uint64_t seed = 1;
};

}  // namespace ricci::cli

// The C++ backend: IR programs to a header, a source file and optional drivers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::codegen {

// One layer with the programs to emit (evaluate first; any subset of the four kinds, each
// at most once).
struct LayerPrograms {
  std::string name;
  uint32_t line = 0;  // spec line of the layer, for the stamp
  std::vector<ir::Program> programs;
};

struct CppOptions {
  std::string source_name;  // the spec as named on the command line, for stamps
  std::string version;      // ricci's version, for stamps
  std::string stem;         // output file stem: <stem>.h, <stem>.cpp
  std::string ns;           // optional enclosing namespace, e.g. "model::layers"
  bool driver = false;      // also write <layer>_driver.cpp for each layer
};

struct OutputFile {
  std::string name;  // relative to the output directory
  std::string contents;
};

// Returns <stem>.h, <stem>.cpp and, with options.driver, one <layer>_driver.cpp per layer,
// in that order. docs/generated-api.md describes the emitted API. The output depends only
// on the arguments: identical input gives byte-identical files.
std::vector<OutputFile> emit_cpp(const std::vector<LayerPrograms>& layers, const CppOptions& options);

}  // namespace ricci::codegen

// The C++ backend: IR programs to a header, a source file and optional drivers.
#pragma once

#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::codegen {

// One layer with the programs to emit (evaluate first; any subset of the four kinds).
struct LayerPrograms {
  std::string name;
  uint32_t line = 0;  // spec line of the layer, for the stamp
  std::vector<ir::Program> programs;
};

struct CppOptions {
  std::string source_name;  // the spec as named on the command line, for stamps
  std::string stem;         // output file stem: <stem>.h, <stem>.cpp
  std::string ns;           // optional enclosing namespace, e.g. "model::layers"
  bool driver = false;      // also write <layer>_driver.cpp for each layer
};

struct OutputFile {
  std::string name;  // relative to the output directory
  std::string contents;
};

std::vector<OutputFile> emit_cpp(const std::vector<LayerPrograms>& layers, const CppOptions& options);

}  // namespace ricci::codegen

// The C++ backend: IR programs to a header, a source file and optional drivers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ir/ir.h"
#include "schedule/schedule.h"

namespace ricci::codegen {

// The saved-intermediates form of a layer (opt::save_intermediates): `programs` holds evaluate,
// writing the layer's outputs and then the values `names`, and then each program that reads
// them (pullback, pullback2), with its own inputs and then the names it reads. With `names`
// empty, the programs are those of the recomputing form.
struct SavedPrograms {
  std::vector<std::string> names;
  std::vector<ir::Program> programs;
};

// One layer with the programs to emit (evaluate first; any subset of the four kinds, each
// at most once).
struct LayerPrograms {
  std::string name;
  uint32_t line = 0;  // spec line of the layer, for the stamp
  std::vector<ir::Program> programs;
  // How the backends run them: -O0 turns GEMM dispatch, fusion, inlining and shared nests off,
  // so that it stays the straightforward loop nest per value that benchmarks compare against.
  schedule::ScheduleOptions schedule;
  // Emitted next to the recomputing form when present (docs/generated-api.md).
  std::optional<SavedPrograms> saved;
  // Spec line of the first statement writing each tensor (ir::Layer::lines).
  std::map<std::string, uint32_t> lines;
};

struct CppOptions {
  std::string source_name;  // the spec as named on the command line, for stamps
  std::string version;      // ricci's version, for stamps
  std::string stem;         // output file stem: <stem>.h, <stem>.cpp
  std::string ns;           // optional enclosing namespace, e.g. "model::layers"
  bool driver = false;      // also write <layer>_driver.cpp for each layer
  // Precede each kernel with `#line N "<source_name>"`, N the line of the statement it
  // computes or differentiates (codegen/spec_lines.h), so that compiler messages and
  // debuggers point into the spec.
  bool line_directives = false;
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

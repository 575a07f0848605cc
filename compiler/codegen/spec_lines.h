// Where a kernel comes from in the spec, for `#line` directives (CppOptions::line_directives).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::codegen {

struct SpecLines {
  std::string file;   // the spec as named on the command line
  uint32_t layer = 0;  // the layer's line, for kernels no statement claims
  const std::map<std::string, uint32_t>* statements = nullptr;  // ir::Layer::lines
};

// For each value of `p`, the spec line its kernel maps to: the line of the statement writing
// the tensor it is or differentiates (`d_h`, `t_h`, `g_h`, `dd_h`, `g_d_h`, `saved_h` all map
// to `h`); for a value without one (an intermediate, a cotangent of an input), the line of
// the first value reading it; else the layer's line.
std::vector<uint32_t> value_lines(const SpecLines& lines, const ir::Program& p);

// `#line N "file"`.
std::string line_directive(const SpecLines& lines, uint32_t line);

}  // namespace ricci::codegen

// One loop nest per IR value: contractions, elementwise maps, sums and copies.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "codegen/api.h"
#include "codegen/names.h"
#include "codegen/printer.h"
#include "ir/ir.h"

namespace ricci::codegen {

// What a nest needs to know about the function it is in.
struct Body {
  const ProgramApi& api;
  NameTable& names;                      // the function scope; nests claim inside a copy
  std::vector<std::string> storage;      // per ValueId: the view holding it
  std::vector<std::string> extent_vars;  // per ExtentId: `n_i` (empty when not declared)
};

// Each emitter prints the math comment, then `prelude` (the declaration of the target's
// buffer, if it needs one), then the loops that compute value `id` into body.storage[id].
void emit_contract(Printer& out, Body& body, ir::ValueId id, const ir::Contract& c, std::string_view prelude);
void emit_map(Printer& out, Body& body, ir::ValueId id, const ir::Map& m, std::string_view prelude);
void emit_add(Printer& out, Body& body, ir::ValueId id, const ir::Add& a, std::string_view prelude);

// Copies value `source` into the view `target` (an output that is an input, or a second
// output of one value).
void emit_copy(Printer& out, Body& body, const std::string& target, ir::ValueId source);

// The spec's spelling of an elementwise function: `tanh`, `powi`, ...
const char* fn_spelling(ir::Fn fn);

// The valid C++ literal for `x`, round-trip exact: `2.0`, `0.5`, `1e-08`.
std::string cpp_number(double x);

}  // namespace ricci::codegen

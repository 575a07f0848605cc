// Expressions inside generated loops: element accesses, elementwise right-hand sides, and
// the same in the spec's notation for the math comments.
#pragma once

#include <string>
#include <vector>

#include "codegen/nest.h"

namespace ricci::codegen {

// `A(i, k)` in code, or `A()` at rank 0.
std::string access(const std::string& view, const std::vector<std::string>& vars);

// `A[i,k]` in math comments, or `A` at rank 0, as in the input notation.
std::string math_access(const std::string& view, const std::vector<std::string>& vars);

// Value `v` read at `vars` in code: its view's element, or the local holding a fused or
// inlined value.
std::string read(const Body& body, ir::ValueId v, const std::vector<std::string>& vars);

// The right-hand side of Map or Add `id` at `vars` (the axes of its shape): in code
// (`std::tanh(h)`, `W_x(b, o) + bias(o)`) or in math (`tanh(h[b,o])`).
std::string elementwise_rhs(const Body& body, ir::ValueId id, const std::vector<std::string>& vars, bool math);

// The product of a contraction's operands at `label_vars` (one per label), in code or math;
// math also shows the extent of a summed label no operand reads. "" when there is none.
std::string product(const Body& body, const ir::Contract& c, const std::vector<std::string>& label_vars, bool math);

// The chosen label variables of `labels`.
std::vector<std::string> vars_of(const std::vector<std::string>& label_vars, const std::vector<ir::Label>& labels);

}  // namespace ricci::codegen

// The derivative rules, one per IR operation, and the sweep state they read and extend.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ir/builder.h"

namespace ricci::ad {

// A cotangent contribution not built yet: coeff * prod operands, summed to `out`. Kept
// symbolic until its target is processed, so each target's cotangent is built in one place
// (one builder.add), equal contributions merge, and the pieces get readable names.
struct Term {
  double coeff = 1;
  std::vector<ir::Operand> operands;
  std::vector<ir::Label> out;
  std::vector<ir::LabelInfo> labels;
};

// A reverse sweep over the values [0, active.size()) of a builder, latest first.
struct ReverseSweep {
  ir::Builder& b;
  std::vector<bool> active;                // depends on some input we differentiate by
  std::vector<std::vector<Term>> adjoint;  // pending contributions to each value

  // Values that depend on no differentiated input get no work at all.
  void contribute(ir::ValueId target, Term term);
};

// A forward sweep over the values of a builder, earliest first.
struct ForwardSweep {
  ir::Builder& b;
  std::vector<std::optional<ir::ValueId>> tangent;  // nullopt: the tangent is zero
};

// d/dx f(x) as coeff * prod values (each of the argument's shape); nullopt where it is 0.
struct Factor {
  double coeff = 1;
  std::vector<ir::ValueId> values;
};
std::optional<Factor> derivative_factor(ir::Builder& b, const ir::Map& map, ir::ValueId y);

// Reverse rules: given the cotangent dy of y = op(...), contribute to each active operand.
void pull(ReverseSweep& s, const ir::Contract& op, ir::ValueId dy);
void pull(ReverseSweep& s, const ir::Map& op, ir::ValueId y, ir::ValueId dy);
void pull(ReverseSweep& s, const ir::Add& op, ir::ValueId dy);

// Tangent rules: the tangent of y = op(...) from its operands' tangents.
std::optional<ir::ValueId> push(ForwardSweep& s, const ir::Contract& op, ir::ValueId y);
std::optional<ir::ValueId> push(ForwardSweep& s, const ir::Map& op, ir::ValueId y);
std::optional<ir::ValueId> push(ForwardSweep& s, const ir::Add& op, ir::ValueId y);

// coeff * prod values, all of `shape`, elementwise: the one Term every elementwise rule
// builds. Label names come from the extents (`i`, `j`, a repeat becomes `i2`).
Term elementwise(const ir::Builder& b, double coeff, const std::vector<ir::ValueId>& values,
                 const ir::Shape& shape);
ir::ValueId build(ir::Builder& b, const Term& term, std::string name);

// Names of derived values: `d_h`, `t_h`, `g_d_h`; the k-th of n pieces of one sum `d_h_2`.
std::string derived_name(const ir::Builder& b, std::string_view prefix, ir::ValueId v);
std::string piece_name(const std::string& base, std::size_t k, std::size_t n);

// std::visit over the closed Op variant with one lambda per alternative.
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

}  // namespace ricci::ad

// The derivative rules, one per IR operation, and the sweep state they read and extend.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/builder.h"

namespace ricci::ad {

// A cotangent contribution not built yet: coeff * prod operands, summed to `out`. Kept
// symbolic until its target is processed, so each target's cotangent is built in one place
// (one builder.add) where equal contributions merge and only the sum is named.
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
// builds, its labels named after the extents.
Term elementwise(const ir::Builder& b, double coeff, const std::vector<ir::ValueId>& values,
                 const ir::Shape& shape);
ir::ValueId build(ir::Builder& b, const Term& term, std::string name);

// The one place a derivative is summed: products equal up to the order of their factors
// merge their coefficients (`x*x` gives 2 * dy * x, not dy * x + dy * x), the rest are
// added by one builder.add named `name` (a lone term takes the name itself).
ir::ValueId sum(ir::Builder& b, const std::vector<Term>& terms, const ir::Shape& shape,
                const std::string& name);

// The name of a derived value: `d_h`, `t_h`, `g_d_h`. Unnamed values have unnamed
// derivatives, and the pieces of a sum stay unnamed, so printers inline them.
std::string derived_name(const ir::Builder& b, std::string_view prefix, ir::ValueId v);

// std::visit over the closed Op variant with one lambda per alternative.
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
// Clang 14 does not deduce aggregate template arguments (P1816) without a guide.
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace ricci::ad

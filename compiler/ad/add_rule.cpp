// Derivatives of Add: a sum passes cotangents through and adds tangents.
#include "ad/rules.h"

namespace ricci::ad {

// y = sum_k x_k   =>   dx_k += dy for every term (twice for a term listed twice)
void pull(ReverseSweep& s, const ir::Add& op, ir::ValueId dy) {
  const ir::Shape shape = s.b.at(dy).shape;
  for (ir::ValueId term : op.terms) s.contribute(term, elementwise(s.b, 1, {dy}, shape));
}

// t_y = sum_k t_x_k
std::optional<ir::ValueId> push(ForwardSweep& s, const ir::Add& op, ir::ValueId y) {
  std::vector<ir::ValueId> tangents;
  for (ir::ValueId term : op.terms)
    if (auto t = s.tangent.at(static_cast<std::size_t>(term))) tangents.push_back(*t);
  if (tangents.empty()) return std::nullopt;
  return s.b.add(std::move(tangents), derived_name(s.b, "t_", y));
}

}  // namespace ricci::ad

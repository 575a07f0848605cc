// Derivatives of Contract: a multilinear product differentiates one factor at a time.
#include <map>
#include <utility>

#include "ad/rules.h"

namespace ricci::ad {

namespace {

// How often each operand occurs, at its first occurrence (0 elsewhere). Equal occurrences
// give equal terms, so each rule builds one term per distinct operand, scaled by its count:
// x*x*...*x (n factors) costs n operands, not n terms of n operands.
std::vector<int> occurrences(const ir::Contract& op) {
  std::vector<int> count(op.operands.size(), 0);
  std::map<std::pair<ir::ValueId, std::vector<ir::Label>>, std::size_t> first;
  for (std::size_t m = 0; m < op.operands.size(); ++m) {
    auto [it, fresh] = first.try_emplace({op.operands[m].value, op.operands[m].labels}, m);
    ++count[it->second];
  }
  return count;
}

}  // namespace

// y[out] = c * prod_k X_k[L_k]   =>   dX_m[L_m] += c * dy[out] * prod_{k != m} X_k[L_k]
// Labels of `out` missing from X_m are summed (the cotangent of a broadcast); a label
// repeated in L_m writes the diagonal (the cotangent of a diagonal read `D[l,l]`); a label
// of L_m found nowhere else broadcasts. A value occurring as several operands gets one
// contribution per occurrence: the product rule.
void pull(ReverseSweep& s, const ir::Contract& op, ir::ValueId dy) {
  std::vector<int> count = occurrences(op);
  for (std::size_t m = 0; m < op.operands.size(); ++m) {
    if (count[m] == 0) continue;
    Term term{op.coeff * count[m], {{dy, op.out}}, op.operands[m].labels, op.labels};
    for (std::size_t k = 0; k < op.operands.size(); ++k)
      if (k != m) term.operands.push_back(op.operands[k]);
    s.contribute(op.operands[m].value, std::move(term));
  }
}

// t_y[out] = sum_m c * prod_k (k == m ? t_X_k : X_k)[L_k]
std::optional<ir::ValueId> push(ForwardSweep& s, const ir::Contract& op, ir::ValueId y) {
  std::vector<int> count = occurrences(op);
  std::vector<std::size_t> moving;
  for (std::size_t m = 0; m < op.operands.size(); ++m)
    if (count[m] > 0 && s.tangent.at(static_cast<std::size_t>(op.operands[m].value))) moving.push_back(m);
  if (moving.empty()) return std::nullopt;

  std::vector<Term> terms;
  for (std::size_t m : moving) {
    Term term{op.coeff * count[m], op.operands, op.out, op.labels};
    term.operands[m].value = *s.tangent.at(static_cast<std::size_t>(op.operands[m].value));
    terms.push_back(std::move(term));
  }
  const ir::Shape shape = s.b.at(y).shape;
  return sum(s.b, terms, shape, derived_name(s.b, "t_", y));
}

}  // namespace ricci::ad

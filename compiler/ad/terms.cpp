// Pending cotangent terms, elementwise products and the names of derived values.
#include <algorithm>

#include "ad/rules.h"

namespace ricci::ad {

void ReverseSweep::contribute(ir::ValueId target, Term term) {
  auto index = static_cast<std::size_t>(target);
  if (!active.at(index)) return;
  adjoint.at(index).push_back(std::move(term));
}

Term elementwise(const ir::Builder& b, double coeff, const std::vector<ir::ValueId>& values,
                 const ir::Shape& shape) {
  Term term;
  term.coeff = coeff;
  for (std::size_t k = 0; k < shape.size(); ++k) {
    // Same-named labels (an axis pair of one extent) are told apart by the printers.
    term.labels.push_back({b.extents().at(static_cast<std::size_t>(shape[k])).name, shape[k]});
    term.out.push_back(static_cast<ir::Label>(k));
  }
  for (ir::ValueId v : values) term.operands.push_back({v, term.out});
  return term;
}

namespace {

// The operands in a canonical order: products that differ only in the order of their
// factors (t_x * x and x * t_x) compare equal.
std::vector<ir::Operand> sorted_operands(const Term& t) {
  std::vector<ir::Operand> ops = t.operands;
  std::sort(ops.begin(), ops.end(), [](const ir::Operand& a, const ir::Operand& b) {
    return a.value != b.value ? a.value < b.value : a.labels < b.labels;
  });
  return ops;
}

bool same_product(const Term& a, const Term& b) {
  auto same_operand = [](const ir::Operand& x, const ir::Operand& y) {
    return x.value == y.value && x.labels == y.labels;
  };
  auto same_label = [](const ir::LabelInfo& x, const ir::LabelInfo& y) {
    return x.name == y.name && x.extent == y.extent;
  };
  std::vector<ir::Operand> ao = sorted_operands(a), bo = sorted_operands(b);
  return a.out == b.out &&
         std::equal(ao.begin(), ao.end(), bo.begin(), bo.end(), same_operand) &&
         std::equal(a.labels.begin(), a.labels.end(), b.labels.begin(), b.labels.end(),
                    same_label);
}

}  // namespace

ir::ValueId sum(ir::Builder& b, const std::vector<Term>& terms, const ir::Shape& shape,
                const std::string& name) {
  std::vector<Term> merged;
  for (const Term& t : terms) {
    auto same = std::find_if(merged.begin(), merged.end(),
                             [&](const Term& m) { return same_product(m, t); });
    if (same == merged.end()) {
      merged.push_back(t);
    } else {
      same->coeff += t.coeff;
    }
  }
  std::erase_if(merged, [](const Term& t) { return t.coeff == 0; });
  if (merged.empty()) return b.constant(0, shape);
  if (merged.size() == 1) return build(b, merged.front(), name);
  std::vector<ir::ValueId> pieces;
  for (const Term& t : merged) pieces.push_back(build(b, t, ""));
  return b.add(std::move(pieces), name);
}

ir::ValueId build(ir::Builder& b, const Term& term, std::string name) {
  return b.contract(term.coeff, term.operands, term.out, term.labels, std::move(name));
}

std::string derived_name(const ir::Builder& b, std::string_view prefix, ir::ValueId v) {
  const std::string& name = b.at(v).name;
  return name.empty() ? name : std::string(prefix) + name;
}

}  // namespace ricci::ad

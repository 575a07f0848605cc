// Pending cotangent terms, elementwise products and the names of derived values.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

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

// The product a term denotes, as a key: operands in a canonical order, so that products that
// differ only in the order of their factors (t_x * x and x * t_x) get the same key.
std::string product_key(const Term& t) {
  std::vector<const ir::Operand*> ops;
  for (const ir::Operand& o : t.operands) ops.push_back(&o);
  std::sort(ops.begin(), ops.end(), [](const ir::Operand* a, const ir::Operand* b) {
    return a->value != b->value ? a->value < b->value : a->labels < b->labels;
  });
  std::string key;
  auto put = [&key](int64_t n) { key.append(reinterpret_cast<const char*>(&n), sizeof n); };
  put(static_cast<int64_t>(t.out.size()));
  for (ir::Label l : t.out) put(l);
  put(static_cast<int64_t>(ops.size()));
  for (const ir::Operand* o : ops) {
    put(o->value);
    put(static_cast<int64_t>(o->labels.size()));
    for (ir::Label l : o->labels) put(l);
  }
  for (const ir::LabelInfo& l : t.labels) {
    put(l.extent);
    put(static_cast<int64_t>(l.name.size()));
    key += l.name;
  }
  return key;
}

}  // namespace

ir::ValueId sum(ir::Builder& b, const std::vector<Term>& terms, const ir::Shape& shape,
                const std::string& name) {
  // Equal products merge into the first of them: the sum keeps first-appearance order.
  std::vector<Term> merged;
  std::unordered_map<std::string, std::size_t> position;
  for (const Term& t : terms) {
    auto [it, fresh] = position.try_emplace(product_key(t), merged.size());
    if (fresh) {
      merged.push_back(t);
    } else {
      merged[it->second].coeff += t.coeff;
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

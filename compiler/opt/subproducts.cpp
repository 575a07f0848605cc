// Canonical forms of products, and the table of those already computed.
#include "opt/subproducts.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "support/internal_error.h"

namespace ricci::opt {
namespace {

struct Canonical {
  std::string key;
  std::map<ir::Label, int> number;  // label -> canonical number
};

Canonical canonical(std::vector<const Factor*> factors, const std::vector<ir::Label>& kept) {
  std::sort(factors.begin(), factors.end(), [](const Factor* a, const Factor* b) {
    return a->value != b->value ? a->value < b->value : a->labels < b->labels;
  });
  Canonical c;
  for (const Factor* f : factors) {
    c.key += fmt::format("%{}[", f->value);
    for (ir::Label l : f->labels) {
      auto [it, fresh] = c.number.try_emplace(l, static_cast<int>(c.number.size()));
      c.key += fmt::format("{},", it->second);
    }
    c.key += ']';
  }
  std::vector<int> keep;
  for (ir::Label l : kept) keep.push_back(c.number.at(l));
  std::sort(keep.begin(), keep.end());
  c.key += fmt::format("->{}", fmt::join(keep, ","));
  return c;
}

}  // namespace

std::optional<Factor> Subproducts::find(const std::vector<const Factor*>& factors,
                                        const std::vector<ir::Label>& kept) const {
  Canonical c = canonical(factors, kept);
  auto it = entries_.find(c.key);
  if (it == entries_.end()) return std::nullopt;
  std::map<int, ir::Label> label_of;
  for (const auto& [label, n] : c.number) label_of[n] = label;
  Factor f{it->second.value, {}};
  for (int n : it->second.pattern) f.labels.push_back(label_of.at(n));
  return f;
}

void Subproducts::add(const std::vector<const Factor*>& factors, const std::vector<ir::Label>& out,
                      ir::ValueId value) {
  Canonical c = canonical(factors, out);
  Entry e{value, {}};
  for (ir::Label l : out) e.pattern.push_back(c.number.at(l));
  entries_.try_emplace(std::move(c.key), std::move(e));
}

void Subproducts::add_value(const ir::Builder& b, ir::ValueId id) {
  const auto* c = std::get_if<ir::Contract>(&b.at(id).op);
  if (c == nullptr || c->coeff != 1 || c->operands.empty()) return;
  std::set<ir::Label> read;
  for (const ir::Operand& o : c->operands) read.insert(o.labels.begin(), o.labels.end());
  std::set<ir::Label> out(c->out.begin(), c->out.end());
  // Every label read (so no broadcast and no unread summed label) and no diagonal write.
  if (out.size() != c->out.size() || read.size() != c->labels.size()) return;
  std::vector<Factor> factors;
  for (const ir::Operand& o : c->operands) factors.push_back(Factor{o.value, o.labels});
  std::vector<const Factor*> refs;
  for (const Factor& f : factors) refs.push_back(&f);
  add(refs, c->out, id);
}

}  // namespace ricci::opt

// Canonical keys of values: what makes two values of a layer's programs the same tensor.
#include "opt/canon.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <type_traits>
#include <variant>

namespace ricci::opt {
namespace {

std::string contract_key(const ir::Contract& c, const std::vector<int>& ids) {
  auto id = [&](ir::ValueId x) { return ids.at(static_cast<std::size_t>(x)); };
  std::vector<const ir::Operand*> ops;
  for (const ir::Operand& x : c.operands) ops.push_back(&x);
  std::stable_sort(ops.begin(), ops.end(),
                   [&](const ir::Operand* a, const ir::Operand* b) { return id(a->value) < id(b->value); });
  std::vector<int> number(c.labels.size(), -1);
  int next = 0;
  auto num = [&](ir::Label l) {
    int& n = number.at(static_cast<std::size_t>(l));
    if (n < 0) n = next++;
    return n;
  };
  std::string k = fmt::format("C{:x}", std::bit_cast<uint64_t>(c.coeff));
  for (const ir::Operand* x : ops) {
    k += fmt::format(" {}[", id(x->value));
    for (ir::Label l : x->labels) k += fmt::format("{},", num(l));
    k += "]";
  }
  k += " ->";
  for (ir::Label l : c.out) k += fmt::format("{},", num(l));
  std::vector<ir::ExtentId> extents(static_cast<std::size_t>(next)), unread;
  for (std::size_t l = 0; l < c.labels.size(); ++l) {
    if (number[l] < 0)
      unread.push_back(c.labels[l].extent);
    else
      extents[static_cast<std::size_t>(number[l])] = c.labels[l].extent;
  }
  std::sort(unread.begin(), unread.end());
  return k + fmt::format(" ext {} unread {}", fmt::join(extents, ","), fmt::join(unread, ","));
}

std::string key(const ir::Value& v, const std::vector<int>& ids) {
  auto id = [&](ir::ValueId x) { return ids.at(static_cast<std::size_t>(x)); };
  return std::visit(
      [&](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ir::Input>) {
          return "in " + o.name;
        } else if constexpr (std::is_same_v<T, ir::Contract>) {
          return contract_key(o, ids);
        } else if constexpr (std::is_same_v<T, ir::Map>) {
          return fmt::format("M{} {} ^{}", static_cast<int>(o.fn), id(o.arg), o.exponent);
        } else {
          static_assert(std::is_same_v<T, ir::Add>);
          std::vector<int> terms;
          for (ir::ValueId t : o.terms) terms.push_back(id(t));
          std::sort(terms.begin(), terms.end());
          return fmt::format("A {}", fmt::join(terms, " "));
        }
      },
      v.op);
}

}  // namespace

std::vector<int> Canon::ids(const ir::Program& p) {
  std::vector<int> out;
  for (const ir::Value& v : p.values) out.push_back(intern(key(v, out)));
  return out;
}

int Canon::intern(const std::string& k) { return table_.try_emplace(k, static_cast<int>(table_.size())).first->second; }

}  // namespace ricci::opt

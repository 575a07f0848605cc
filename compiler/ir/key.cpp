// Structural keys for hash-consing: two ops with one key denote the same tensor.
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <type_traits>

#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::ir {
namespace {

std::string contract_key(const Contract& c) {
  // Label names are spelling only; renumbering by first appearance makes `B[i,j]*C[j,k]`
  // and `B[p,q]*C[q,r]` one key.
  std::vector<int> renumbered(c.labels.size(), -1);
  int next = 0;
  auto number = [&](Label l) {
    int& n = renumbered.at(static_cast<std::size_t>(l));
    if (n < 0) n = next++;
    return n;
  };
  std::string key = fmt::format("C{:x}", std::bit_cast<uint64_t>(c.coeff));
  for (const Operand& operand : c.operands) {
    key += fmt::format(" %{}[", operand.value);
    for (Label l : operand.labels) key += fmt::format("{},", number(l));
    key += ']';
  }
  key += " ->[";
  for (Label l : c.out) key += fmt::format("{},", number(l));
  // Labels used nowhere are interchangeable: only their sorted extents matter.
  std::vector<ExtentId> unused;
  for (std::size_t l = 0; l < c.labels.size(); ++l) {
    if (renumbered[l] < 0) unused.push_back(c.labels[l].extent);
  }
  std::sort(unused.begin(), unused.end());
  key += fmt::format("] sum[{}] ext[", fmt::join(unused, ","));
  // The extent of every label, in renumbered order, so that summed labels differ by size.
  std::vector<ExtentId> by_number(c.labels.size());
  for (std::size_t l = 0; l < c.labels.size(); ++l) {
    if (renumbered[l] >= 0) by_number[static_cast<std::size_t>(renumbered[l])] = c.labels[l].extent;
  }
  for (int n = 0; n < next; ++n) key += fmt::format("{},", by_number[static_cast<std::size_t>(n)]);
  return key + ']';
}

}  // namespace

std::string structural_key(const Op& op) {
  return std::visit(
      [](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, Input>) {
          RICCI_CHECK(false, fmt::format("input `{}` is never uniqued", o.name));
          return {};
        } else if constexpr (std::is_same_v<T, Contract>) {
          return contract_key(o);
        } else if constexpr (std::is_same_v<T, Map>) {
          return fmt::format("M{} %{} ^{}", static_cast<int>(o.fn), o.arg, o.exponent);
        } else {
          static_assert(std::is_same_v<T, Add>);
          return fmt::format("A %{}", fmt::join(o.terms, " %"));
        }
      },
      op);
}

}  // namespace ricci::ir

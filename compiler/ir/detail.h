// Helpers shared by the IR's own files (not part of its interface): checks, keys, spellings.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "ir/ir.h"

namespace ricci::ir::detail {

// Checks that every extent of `shape` is one of `extent_count` extents.
void check_shape(const Shape& shape, std::size_t extent_count);

// The shape of the value a non-Input `op` defines, after checking it against `earlier` (the
// values it may refer to) and `extent_count` extents: operand ids, ranks, label extents
// against operand shapes, out labels, one shape for all Add terms, powi exponents.
Shape checked_shape(const Op& op, std::span<const Value> earlier, std::size_t extent_count);

// True when `c` has no operands and is constant across its result: every label is in `out`
// exactly once (no summed labels scaling by an extent, no diagonal write).
bool is_broadcast_constant(const Contract& c);

// Calls f(id) for every value `op` reads, in operand order.
template <class F>
void for_each_operand(const Op& op, F&& f) {
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, Contract>) {
          for (const Operand& operand : o.operands) f(operand.value);
        } else if constexpr (std::is_same_v<T, Map>) {
          f(o.arg);
        } else if constexpr (std::is_same_v<T, Add>) {
          for (ValueId t : o.terms) f(t);
        } else {
          static_assert(std::is_same_v<T, Input>);
        }
      },
      op);
}

}  // namespace ricci::ir::detail

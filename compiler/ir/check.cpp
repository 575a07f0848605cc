// Invariant checks shared by the Builder's factories and verify(): one definition of "well formed".
#include <fmt/format.h>

#include <type_traits>

#include "ir/detail.h"
#include "support/internal_error.h"

namespace ricci::ir::detail {
namespace {

const Value& operand_value(ValueId id, std::span<const Value> earlier) {
  RICCI_CHECK(id >= 0 && static_cast<std::size_t>(id) < earlier.size(),
              fmt::format("operand %{} does not precede its use ({} values before it)", id,
                          earlier.size()));
  return earlier[static_cast<std::size_t>(id)];
}

Shape contract_shape(const Contract& c, std::span<const Value> earlier, std::size_t extent_count) {
  for (const LabelInfo& info : c.labels) {
    RICCI_CHECK(info.extent >= 0 && static_cast<std::size_t>(info.extent) < extent_count,
                fmt::format("label `{}` has unknown extent {}", info.name, info.extent));
  }
  auto check_label = [&](Label l) {
    RICCI_CHECK(l >= 0 && static_cast<std::size_t>(l) < c.labels.size(),
                fmt::format("label {} out of range ({} labels)", l, c.labels.size()));
  };
  for (const Operand& operand : c.operands) {
    const Value& v = operand_value(operand.value, earlier);
    RICCI_CHECK(operand.labels.size() == v.shape.size(),
                fmt::format("operand %{} of rank {} read with {} labels", operand.value,
                            v.shape.size(), operand.labels.size()));
    for (std::size_t axis = 0; axis < operand.labels.size(); ++axis) {
      Label l = operand.labels[axis];
      check_label(l);
      RICCI_CHECK(c.labels[static_cast<std::size_t>(l)].extent == v.shape[axis],
                  fmt::format("label `{}` of extent {} reads axis {} of %{} of extent {}",
                              c.labels[static_cast<std::size_t>(l)].name,
                              c.labels[static_cast<std::size_t>(l)].extent, axis, operand.value,
                              v.shape[axis]));
    }
  }
  Shape shape;
  for (Label l : c.out) {
    check_label(l);
    shape.push_back(c.labels[static_cast<std::size_t>(l)].extent);
  }
  return shape;
}

}  // namespace

void check_shape(const Shape& shape, std::size_t extent_count) {
  for (ExtentId e : shape) {
    RICCI_CHECK(e >= 0 && static_cast<std::size_t>(e) < extent_count,
                fmt::format("unknown extent {} ({} extents)", e, extent_count));
  }
}

Shape checked_shape(const Op& op, std::span<const Value> earlier, std::size_t extent_count) {
  return std::visit(
      [&](const auto& o) -> Shape {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, Input>) {
          RICCI_CHECK(false, fmt::format("the shape of input `{}` is given, not derived", o.name));
          return {};
        } else if constexpr (std::is_same_v<T, Contract>) {
          return contract_shape(o, earlier, extent_count);
        } else if constexpr (std::is_same_v<T, Map>) {
          RICCI_CHECK(o.fn == Fn::powi || o.exponent == 0,
                      fmt::format("exponent {} on a map that is not powi", o.exponent));
          return operand_value(o.arg, earlier).shape;
        } else {
          static_assert(std::is_same_v<T, Add>);
          RICCI_CHECK(!o.terms.empty(), "add without terms");
          Shape shape = operand_value(o.terms.front(), earlier).shape;
          for (ValueId t : o.terms) {
            RICCI_CHECK(operand_value(t, earlier).shape == shape,
                        fmt::format("add term %{} differs in shape from %{}", t, o.terms.front()));
          }
          return shape;
        }
      },
      op);
}

}  // namespace ricci::ir::detail

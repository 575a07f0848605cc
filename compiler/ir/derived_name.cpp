// Names for values the spec left unnamed, shared by the backends and the saved form.
#include <fmt/format.h>

#include <cstdlib>
#include <type_traits>
#include <variant>

#include "ir/ir_api.h"

namespace ricci::ir {

std::string derived_name(const Value& v, const std::vector<std::string>& names) {
  auto of = [&](ValueId id) {
    const std::string& name = names.at(static_cast<std::size_t>(id));
    return name.empty() ? std::string("tmp") : name;
  };
  std::string name = std::visit(
      [&](const auto& op) -> std::string {
        using Op = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<Op, Contract>) {
          if (op.operands.empty()) return "c";
          if (op.operands.size() > 1) {
            std::vector<std::string> parts;
            for (const Operand& o : op.operands) parts.push_back(of(o.value));
            return fmt::format("{}", fmt::join(parts, "_"));
          }
          if (op.out.size() < op.labels.size()) return "sum_" + of(op.operands[0].value);
          std::string labels;
          for (Label l : op.out) labels += op.labels.at(static_cast<std::size_t>(l)).name;
          return of(op.operands[0].value) + "_" + labels;
        } else if constexpr (std::is_same_v<Op, Map>) {
          if (op.fn != Fn::powi) return fmt::format("{}_{}", fn_name(op.fn), of(op.arg));
          if (op.exponent == -1) return of(op.arg) + "_inv";
          return fmt::format("{}_pow{}{}", of(op.arg), op.exponent < 0 ? "m" : "", std::abs(op.exponent));
        } else if constexpr (std::is_same_v<Op, Add>) {
          if (op.terms.size() == 2) return of(op.terms[0]) + "_plus_" + of(op.terms[1]);
          return "sum";
        } else {
          static_assert(std::is_same_v<Op, Input>, "unhandled IR op");
          return "input";
        }
      },
      v.op);
  return name.size() > 24 ? "tmp" : name;
}

}  // namespace ricci::ir

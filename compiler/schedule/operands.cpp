// What values and kernels read.
#include <algorithm>
#include <type_traits>

#include "schedule/detail.h"

namespace ricci::schedule::detail {

std::vector<ir::ValueId> operands(const ir::Value& v) {
  return std::visit(
      [](const auto& op) -> std::vector<ir::ValueId> {
        using Op = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<Op, ir::Input>) {
          return {};
        } else if constexpr (std::is_same_v<Op, ir::Contract>) {
          std::vector<ir::ValueId> ids;
          for (const ir::Operand& o : op.operands) ids.push_back(o.value);
          return ids;
        } else if constexpr (std::is_same_v<Op, ir::Map>) {
          return {op.arg};
        } else {
          static_assert(std::is_same_v<Op, ir::Add>, "unhandled IR op");
          return op.terms;
        }
      },
      v.op);
}

std::vector<ir::ValueId> kernel_reads(const ir::Program& p, const Kernel& k) {
  std::vector<ir::ValueId> chain = k.epilogue;
  chain.push_back(k.value);
  std::vector<ir::ValueId> reads;
  for (ir::ValueId v : chain) {
    for (ir::ValueId r : operands(p.at(v))) {
      if (std::find(chain.begin(), chain.end(), r) == chain.end()) reads.push_back(r);
    }
  }
  return reads;
}

}  // namespace ricci::schedule::detail

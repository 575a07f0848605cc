// The values an op reads, for phases outside the IR.
#include "ir/detail.h"
#include "ir/ir_api.h"

namespace ricci::ir {

std::vector<ValueId> operands(const Op& op) {
  std::vector<ValueId> ids;
  detail::for_each_operand(op, [&](ValueId id) { ids.push_back(id); });
  return ids;
}

}  // namespace ricci::ir

// What values and kernels read.
#include <algorithm>
#include <type_traits>

#include "ir/ir_api.h"
#include "schedule/detail.h"

namespace ricci::schedule::detail {

std::vector<ir::ValueId> kernel_reads(const ir::Program& p, const Kernel& k) {
  std::vector<ir::ValueId> chain = k.epilogue;
  chain.push_back(k.value);
  std::vector<ir::ValueId> reads;
  for (ir::ValueId v : chain) {
    for (ir::ValueId r : ir::operands(p.at(v).op)) {
      if (std::find(chain.begin(), chain.end(), r) == chain.end()) reads.push_back(r);
    }
  }
  return reads;
}

}  // namespace ricci::schedule::detail

// What values and kernels read.
#include <algorithm>

#include "ir/ir_api.h"
#include "schedule/detail.h"

namespace ricci::schedule::detail {

namespace {

void add_reads(const ir::Program& p, ir::ValueId v, const std::vector<bool>& inlined,
               const std::vector<ir::ValueId>& chain, std::vector<ir::ValueId>& reads) {
  for (ir::ValueId r : ir::operands(p.at(v).op)) {
    if (inlined[static_cast<std::size_t>(r)]) {
      add_reads(p, r, inlined, chain, reads);
    } else if (std::find(chain.begin(), chain.end(), r) == chain.end()) {
      reads.push_back(r);
    }
  }
}

}  // namespace

std::vector<ir::ValueId> kernel_reads(const ir::Program& p, const Kernel& k, const std::vector<bool>& inlined) {
  std::vector<ir::ValueId> chain = k.epilogue;
  chain.push_back(k.value);
  std::vector<ir::ValueId> reads;
  for (ir::ValueId v : chain) add_reads(p, v, inlined, chain, reads);
  return reads;
}

}  // namespace ricci::schedule::detail

// The optimizer: every product of more than two factors becomes a tree of pairwise
// contractions in the cheapest order, with traces hoisted and equal subproducts shared.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "ir/ir.h"

namespace ricci::opt {

struct OptOptions {
  // 0: no reordering, no hoisting; a product of more than kMaxUnsplitFactors factors is still
  //    split left to right, so that -O0 programs stay polynomial to differentiate and run.
  // 1: every Contract of two or more operands is planned (docs/optimizer.md).
  int level = 1;
  // Extent sizes by extent name (`ricci explain --dims i=256`), overriding `dims` hints.
  std::map<std::string, int64_t> sizes;
};

constexpr std::size_t kMaxUnsplitFactors = 8;

// `p` with its products split into pairwise contractions (level 1: in the cheapest order by
// docs/optimizer.md's cost model; a factor's own summed labels reduced first, e.g. `D[l,l]`
// to the scalar `trD`; subproducts in a canonical form so that equal ones are one value, and
// subproducts that `p` already computes reused; a diagonal write that a product reads merged
// into it, opt/delta.h). Maps and Adds are kept as they are.
// Returns `p` itself when nothing changes.
ir::Program optimize(const ir::Program& p, const OptOptions& options);

}  // namespace ricci::opt

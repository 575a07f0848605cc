// The loop order of a contraction's nest, shared by the schedule (which nests can share loops)
// and the C++ backend (which prints them).
#pragma once

#include <vector>

#include "ir/ir.h"

namespace ricci::schedule {

// Out labels outside, in the output's row-major order; summed labels inside, the one that is
// the last axis of most operands innermost, unless the output's last axis is the better
// innermost loop (then the nest accumulates into the output).
struct LoopOrder {
  std::vector<ir::Label> outer;   // out labels, distinct, in the output's order
  std::vector<ir::Label> summed;  // in loop order, innermost last
  bool diagonal = false;          // an out label is repeated: only the diagonal is written
  // The output's last label is the innermost loop, inside the summed ones: the nest adds
  // into a zeroed output instead of summing into a local.
  bool accumulate = false;
};

LoopOrder loop_order(const ir::Contract& c);

// The loops of a nest that adds into its output, outermost first: the out labels but the last,
// the summed labels, then the output's last label.
std::vector<ir::Label> accumulating_loops(const LoopOrder& o);

}  // namespace ricci::schedule

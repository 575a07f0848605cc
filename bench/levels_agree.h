// The guards in front of every timing: -O1 and -O0 code must compute the same evaluate, and the
// saved form the same as the recomputing form, so a broken optimization cannot show up as a fast
// benchmark.
#pragma once

#include <ostream>
#include <vector>

#include "registry.h"

namespace ricci_bench {

// Compares, for every layer and dtype, the evaluate outputs of the -O1 case with those of the
// -O0 case on the same seeded inputs. Reports each disagreement (and each case without a
// partner) to `out`; true when all agree.
bool levels_agree(const std::vector<Case>& all, std::ostream& out);

// Compares, for every -O1 case, what the saved form's evaluate, pullback and pullback2 write
// with what the recomputing evaluate, pullback and pullback2 write on the same seeded operands.
// Reports each disagreement to `out`; true when all agree.
bool saved_form_agrees(const std::vector<Case>& all, std::ostream& out);

}  // namespace ricci_bench

// The saved-intermediates form of a layer: evaluate keeps what the pullback would recompute.
#pragma once

#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::opt {

struct SavedForm {
  // The layer outputs, then one output `saved_<name>` per saved value.
  ir::Program evaluate;
  // The pullback's inputs, then the saved values as inputs of the same names; it computes
  // none of them.
  ir::Program pullback;
  std::vector<std::string> saved;  // the saved names, in API order
};

// Given the optimized evaluate and pullback of one layer (the pullback derived from that
// evaluate, so that it imports its values), the values of evaluate that the pullback
// computes again and needs directly (read by a value evaluate does not compute, or an
// output), constants excepted, become outputs of evaluate and inputs of the pullback.
// Shared values are found by opt::Canon. With nothing shared, both programs come back as
// they are. Any program derived from `evaluate` (pullback2 too) may take the pullback's
// place. docs/optimizer.md describes the form.
SavedForm save_intermediates(const ir::Program& evaluate, const ir::Program& pullback);

}  // namespace ricci::opt

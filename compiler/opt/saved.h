// The saved-intermediates form of a layer: evaluate keeps what the pullback would recompute.
#pragma once

#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::opt {

struct SavedForm {
  // The layer outputs, then one output `saved_<name>` per saved value, in evaluation order.
  ir::Program evaluate;
  // Each derived program given, with its own inputs and then the saved values it reads, as
  // inputs of the same names (in `saved` order); it computes none of them.
  std::vector<ir::Program> readers;
  std::vector<std::string> saved;  // the saved names, in API order
};

// Given the optimized evaluate of one layer and programs derived from it (the pullback,
// pullback2: they import its values), the values of evaluate that a derived program
// computes again and needs directly (read by a value evaluate does not compute, or an
// output), constants excepted, become outputs of evaluate and inputs of that program.
// Shared values are found by opt::Canon. With nothing shared, every program comes back as
// it is. docs/optimizer.md describes the form.
SavedForm save_intermediates(const ir::Program& evaluate, const std::vector<const ir::Program*>& derived);

}  // namespace ricci::opt

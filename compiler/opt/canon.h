// Identities of values across the programs of one layer, for sharing and saved values.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::opt {

// Numbers values so that equal numbers compute the same tensor from the same inputs, in
// any program given to the same Canon: inputs by name, Contract operands in a canonical
// order and labels renumbered by first appearance, Add terms as a set. A derived program
// imports the layer's forward values, so a forward intermediate keeps its number there.
class Canon {
 public:
  // The number of each value of `p`, by ValueId.
  std::vector<int> ids(const ir::Program& p);

 private:
  int intern(const std::string& key);

  std::map<std::string, int> table_;
};

}  // namespace ricci::opt

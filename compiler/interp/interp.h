// The reference interpreter: executes any IR program on dense row-major arrays.
// Deliberately simple (one loop over the full index space per contraction): it is the
// oracle that tests and `ricci check` compare everything else against.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::interp {

template <class T>
struct Array {
  std::vector<int64_t> dims;  // row-major
  std::vector<T> data;
};

template <class T>
using Bindings = std::map<std::string, Array<T>>;

// A missing input or an input whose shape disagrees with the program or with another input.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs `p` on `inputs` (every program input by name) and returns every output by name.
// T is double or float; all arithmetic happens in T.
template <class T>
Bindings<T> run(const ir::Program& p, const Bindings<T>& inputs);

// The extent values implied by `inputs` (bound from the first input axis carrying each).
template <class T>
std::vector<int64_t> bind_extents(const ir::Program& p, const Bindings<T>& inputs);

}  // namespace ricci::interp

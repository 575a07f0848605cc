// The list every bench translation unit adds its cases to during static initialization.
#include "registry.h"

namespace ricci_bench {

std::vector<Case>& cases() {
  static std::vector<Case> all;  // a function-local static exists before any caller's initializer uses it
  return all;
}

}  // namespace ricci_bench

#include "harness_inputs.h"

#include <fmt/format.h>

#include <vector>

std::string filled_tensor(const ricci::codegen::Param& p, const std::string& var, const char* type) {
  std::vector<std::string> sizes;
  for (ricci::ir::ExtentId e : p.shape) sizes.push_back(std::to_string(2 + e % 4));
  return fmt::format("    auto {} = ricci_noalloc::filled<{}, {}>(std::array<int64_t, {}>{{{}}});\n", var, type,
                     p.shape.size(), p.shape.size(), fmt::join(sizes, ", "));
}

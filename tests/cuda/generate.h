// Shared by the CUDA example tests: a spec through the front end and the CUDA backend.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::cuda_test {

// The layers of `spec` after sema, or nullopt after printing its diagnostics.
std::optional<ir::Module> analyze(const std::string& spec);

// Writes <stem>.cuh, <stem>.cu and one <layer>_driver.cu per layer of `module` into `dir`
// (the layers' four programs, as `ricci gen --target=cuda --driver` would); returns the
// paths of the .cu files, the source first.
std::vector<std::filesystem::path> write_cuda(const ir::Module& module, const std::string& spec,
                                              const std::filesystem::path& dir);

}  // namespace ricci::cuda_test

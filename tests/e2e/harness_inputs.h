// What the harnesses e2e_runner generates share: their test tensors.
#pragma once

#include <string>

#include "codegen/api.h"

// `    auto <var> = ricci_noalloc::filled<T, R>(std::array<int64_t, R>{...});` for parameter
// `p`, with small extents that differ between neighbouring extents, so a mixed-up stride shows.
std::string filled_tensor(const ricci::codegen::Param& p, const std::string& var, const char* type);

// What the harnesses e2e_runner generates share: their test tensors and their `main`.
#pragma once

#include <functional>
#include <string>

#include "codegen/api.h"
#include "ir/ir.h"

// `    auto <var> = ricci_noalloc::filled<T, R>(std::array<int64_t, R>{...});` for parameter
// `p`, with small extents that differ between neighbouring extents, so a mixed-up stride shows.
std::string filled_tensor(const ricci::codegen::Param& p, const std::string& var, const char* type);

// Prints the checks of one program in element type `type` (`double`, `float`; `dtype` is `f64`,
// `f32`) into the body of `main`; `ns` is the layer's qualified namespace.
using ProgramCheck = std::function<void(std::string& out, const ricci::codegen::ProgramApi& api, const std::string& ns,
                                        const char* type, const char* dtype)>;

// A harness's source: `// Written by e2e_runner: <what>.`, the spec's generated header and
// `support` included, and a `main` running `check` on every program of every layer in double
// and then float, which fails when ricci_noalloc::failures() counted a failure.
std::string program_harness(const ricci::ir::Module& module, const std::string& stem, const std::string& what,
                            const std::string& support, const ProgramCheck& check);

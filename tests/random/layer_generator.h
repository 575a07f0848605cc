// Random valid layer specs, as source text, for the differentiation tests.
#pragma once

#include <cstdint>
#include <string>

namespace ricci::testing {

// A random layer named `name`: 1-3 statements (`:=` and `+=`), inputs of rank 0-4 with
// repeated indices and repeated tensors, sums with scalar factors, every elementwise
// function, powers, division, intermediates and an optional `grad` subset. Functions that
// need positive arguments (log, sqrt, negative powers, division) are applied to inputs only,
// which the numerical check draws positive. Equal seeds give equal text.
std::string random_layer(const std::string& name, uint64_t seed);

}  // namespace ricci::testing

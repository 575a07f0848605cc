// Names that generated C++ cannot use, and indices that clash with tensors.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sema/walk.h"
#include "support/diagnostics.h"

namespace ricci::sema {

// Why `name` cannot name a layer, tensor or index in generated code; nullopt if it can.
std::optional<std::string> reserved_reason(std::string_view name);

// The same for a layer, whose namespace may sit at global scope: also a function the C
// library declares there (`exp`, `log`, `index`, ...).
std::optional<std::string> layer_reserved_reason(std::string_view name);

// Reports reserved-name for the layer (layer_reserved_reason) and each of its tensors and
// indices (reserved_reason, once per name, at its first occurrence), and name-clash for an
// index spelled like a tensor.
void check_names(const syntax::Layer& layer, const std::vector<AccessSite>& sites, Diagnostics& diags);

}  // namespace ricci::sema

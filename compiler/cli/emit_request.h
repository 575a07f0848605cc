// `--emit=KIND[=PATH]` of `ricci show`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/options.h"

namespace ricci::cli {

// What show can print, in pipeline order.
extern const std::vector<std::string> kEmitKinds;

// `math` or `math=out/m.txt`; nullopt when KIND is not one of kEmitKinds or PATH is empty.
std::optional<EmitRequest> parse_emit_request(const std::string& text);

}  // namespace ricci::cli

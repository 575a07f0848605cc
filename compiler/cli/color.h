// Whether diagnostics are coloured: `--color=auto|always|never` and the NO_COLOR convention.
#pragma once

#include <string>

namespace ricci::cli {

// `always` and `never` are final; `auto` colours a terminal unless NO_COLOR is set to a
// non-empty value (https://no-color.org). `no_color` is the variable's value or null.
bool use_color(const std::string& mode, const char* no_color, bool is_terminal);

}  // namespace ricci::cli

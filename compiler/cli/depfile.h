// Dependency files in Makefile syntax, read by make, ninja and CMake's add_custom_command(DEPFILE).
#pragma once

#include <string>
#include <vector>

namespace ricci::cli {

// `target: dep dep ...` on one line, with the characters make treats specially escaped
// (space and `#` with a backslash, `$` doubled), as GCC's -MD writes them.
std::string format_depfile(const std::string& target, const std::vector<std::string>& deps);

}  // namespace ricci::cli

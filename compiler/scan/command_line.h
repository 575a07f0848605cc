// The Clang command line that parses a header, from a compilation database and flags.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "scan/scan.h"

namespace ricci::scan {

struct ClangCommand {
  std::vector<std::string> argv;  // program name first, the header last
  std::string directory;          // relative paths in argv are relative to it
};

// Flags of the database entry for the header (or the entry Clang infers from the closest
// file), then request.extra_flags, then what parsing a header with a tool needs: `-xc++`,
// `-std=c++17` unless a standard is given, no warnings, Clang's resource directory and
// ricci's runtime include directory. Prints why and returns nullopt when the database
// cannot be read.
std::optional<ClangCommand> clang_command(const HeaderRequest& request, std::ostream& err);

}  // namespace ricci::scan

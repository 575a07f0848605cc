// The command-line interface: subcommands gen, show, check, explain and scan.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace ricci::cli {

// Documented in README.md; tests compare against these values.
enum class ExitCode { ok = 0, spec_error = 1, usage_error = 2, io_error = 3, internal_error = 4 };

// Runs ricci with `args` (without the program name). Never throws.
ExitCode run(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace ricci::cli

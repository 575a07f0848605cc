// The subcommands, each a function of its options struct.
#pragma once

#include <iosfwd>

#include "cli/cli.h"
#include "cli/options.h"

namespace ricci::cli {

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  OutputStyle style;
};

ExitCode run_gen(const GenOptions& o, Streams& s);
ExitCode run_show(const ShowOptions& o, Streams& s);
ExitCode run_check(const CheckOptions& o, Streams& s);
ExitCode run_explain(const ExplainOptions& o, Streams& s);
ExitCode run_scan(const ScanOptions& o, Streams& s);

}  // namespace ricci::cli

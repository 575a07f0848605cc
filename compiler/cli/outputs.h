// Where generated files go: a directory, each written only when its bytes change, or standard output.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"
#include "codegen/codegen.h"

namespace ricci::cli {

// The separator line before each file when several go to one stream: `// ==> name <==`, as
// `head` and `tail` mark files, and a comment in every language ricci emits.
std::string output_separator(const std::string& name);

// `files` one after the other, each after its separator line.
std::string concatenate(const std::vector<codegen::OutputFile>& files);

// Writes `files` into `out_dir` (created if missing) with write_if_changed, or to `s.out` when
// `out_dir` is `-`. Stops at the first failure with an error naming the file: io_error.
ExitCode write_outputs(const std::vector<codegen::OutputFile>& files, const std::string& out_dir, Streams& s);

}  // namespace ricci::cli

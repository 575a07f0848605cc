// Where generated text goes: files into a directory, each written only when its bytes change, or
// standard output; and the depfile that lists what the generator read.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "codegen/codegen.h"

namespace ricci::cli {

// The separator line before each file when several go to one stream: `// ==> name <==`, as
// `head` and `tail` mark files, and a comment in every language ricci emits.
std::string output_separator(const std::string& name);

// `files` one after the other, each after its separator line.
std::string concatenate(const std::vector<codegen::OutputFile>& files);

// usage_error, after a message, when `targets` asks for a depfile with `-o -` and names no
// target: there is no generated file to name. Checked before any work, so that a build never
// gets a depfile naming a rule it cannot match.
ExitCode check_targets(const OutputTargets& targets, Streams& s);

// `text` to the file `path` with write_if_changed, or to `s.out` when `path` is empty.
// io_error, after an error naming the file, when it cannot be written.
ExitCode write_output(const std::string& path, const std::string& text, Streams& s);

// Writes `files` into `targets.out_dir` (created if missing), or to `s.out` when it is `-`; then,
// if `targets.depfile` is set, the depfile with `deps` under `targets.depfile_target` (default:
// the first file's path). Stops at the first failure with an error naming the file: io_error.
ExitCode write_outputs(const std::vector<codegen::OutputFile>& files, const OutputTargets& targets,
                       const std::vector<std::string>& deps, Streams& s);

}  // namespace ricci::cli

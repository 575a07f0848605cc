// Generated files to a directory or to standard output.
#include "cli/outputs.h"

#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "cli/files.h"

namespace ricci::cli {

namespace fs = std::filesystem;

std::string output_separator(const std::string& name) { return fmt::format("// ==> {} <==\n", name); }

std::string concatenate(const std::vector<codegen::OutputFile>& files) {
  std::string text;
  for (const codegen::OutputFile& f : files) text += output_separator(f.name) + f.contents;
  return text;
}

ExitCode write_outputs(const std::vector<codegen::OutputFile>& files, const std::string& out_dir, Streams& s) {
  if (out_dir == "-") {
    s.out << concatenate(files);
    return ExitCode::ok;
  }
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    s.err << fmt::format("error: cannot create directory `{}`: {}\n", out_dir, ec.message());
    return ExitCode::io_error;
  }
  for (const codegen::OutputFile& f : files) {
    std::string path = (fs::path(out_dir) / f.name).string();
    std::string why;
    if (write_if_changed(path, f.contents, why) == WriteResult::failed) {
      s.err << fmt::format("error: cannot write `{}`: {}\n", path, why);
      return ExitCode::io_error;
    }
  }
  return ExitCode::ok;
}

}  // namespace ricci::cli

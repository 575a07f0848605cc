// Generated files and depfiles to a directory or to standard output.
#include "cli/outputs.h"

#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "cli/depfile.h"
#include "cli/files.h"

namespace ricci::cli {

namespace fs = std::filesystem;

namespace {

// `what` names the kind of file in the error: "" or "depfile ".
ExitCode write_file(const std::string& path, const std::string& text, const char* what, Streams& s) {
  std::string why;
  if (write_if_changed(path, text, why) == WriteResult::failed) {
    s.err << fmt::format("error: cannot write {}`{}`: {}\n", what, path, why);
    return ExitCode::io_error;
  }
  return ExitCode::ok;
}

}  // namespace

std::string output_separator(const std::string& name) { return fmt::format("// ==> {} <==\n", name); }

std::string concatenate(const std::vector<codegen::OutputFile>& files) {
  std::string text;
  for (const codegen::OutputFile& f : files) text += output_separator(f.name) + f.contents;
  return text;
}

ExitCode check_targets(const OutputTargets& targets, Streams& s) {
  if (!targets.depfile.empty() && targets.depfile_target.empty() && targets.out_dir == "-") {
    s.err << "error: --depfile with `-o -` needs --depfile-target: there is no generated file to name\n";
    return ExitCode::usage_error;
  }
  return ExitCode::ok;
}

ExitCode write_output(const std::string& path, const std::string& text, Streams& s) {
  if (path.empty()) {
    s.out << text;
    return ExitCode::ok;
  }
  return write_file(path, text, "", s);
}

ExitCode write_outputs(const std::vector<codegen::OutputFile>& files, const OutputTargets& targets,
                       const std::vector<std::string>& deps, Streams& s) {
  if (targets.out_dir == "-") {
    s.out << concatenate(files);
  } else {
    std::error_code ec;
    fs::create_directories(targets.out_dir, ec);
    if (ec) {
      s.err << fmt::format("error: cannot create directory `{}`: {}\n", targets.out_dir, ec.message());
      return ExitCode::io_error;
    }
    for (const codegen::OutputFile& f : files) {
      if (ExitCode e = write_file((fs::path(targets.out_dir) / f.name).string(), f.contents, "", s);
          e != ExitCode::ok)
        return e;
    }
  }
  if (targets.depfile.empty()) return ExitCode::ok;
  std::string target = targets.depfile_target;
  if (target.empty()) target = (fs::path(targets.out_dir) / files.front().name).string();
  return write_file(targets.depfile, format_depfile(target, deps), "depfile ", s);
}

}  // namespace ricci::cli

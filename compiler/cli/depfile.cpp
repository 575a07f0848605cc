// Makefile-syntax dependency files.
#include "cli/depfile.h"

#include <fmt/format.h>

#include <ostream>

#include "cli/files.h"

namespace ricci::cli {

namespace {

std::string escape(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

}  // namespace

std::string format_depfile(const std::string& target, const std::vector<std::string>& deps) {
  std::string text = escape(target);
  text += ':';
  for (const std::string& d : deps) {
    text += ' ';
    text += escape(d);
  }
  text += '\n';
  return text;
}

ExitCode write_depfile(const std::string& path, const std::string& target, const std::vector<std::string>& deps,
                       Streams& s) {
  std::string why;
  if (write_if_changed(path, format_depfile(target, deps), why) == WriteResult::failed) {
    s.err << fmt::format("error: cannot write depfile `{}`: {}\n", path, why);
    return ExitCode::io_error;
  }
  return ExitCode::ok;
}

}  // namespace ricci::cli

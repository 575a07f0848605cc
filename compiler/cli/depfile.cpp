// Makefile-syntax dependency files.
#include "cli/depfile.h"

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

}  // namespace ricci::cli

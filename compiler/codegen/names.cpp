// Spec names made C++ identifiers: valid, not reserved, unique within a scope.
#include "codegen/names.h"

#include <fmt/format.h>

#include <algorithm>

#include "support/cpp_names.h"

namespace ricci::codegen {
namespace {

// Not keywords, but names generated code needs to mean what they usually mean: C++20's
// identifiers with a special meaning (`import` and `module` can start a module line), and
// names every generated file uses unqualified or as a namespace or template parameter.
constexpr std::string_view kSpecial[] = {
    "final", "override", "import", "module", "std", "ricci", "int64_t", "size_t", "T", "main", "assert",
};

bool reserved(std::string_view name) {
  if (is_cpp_keyword(name)) return true;
  for (std::string_view r : kSpecial) {
    if (r == name) return true;
  }
  return false;
}

bool ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::string identifier(std::string_view name) {
  std::string id;
  for (char c : name) id.push_back(ident_char(c) ? c : '_');
  // Identifiers with a double underscore or `_` + capital belong to the implementation.
  for (auto at = id.find("__"); at != std::string::npos; at = id.find("__")) id.erase(at, 1);
  bool digit_first = !id.empty() && id[0] >= '0' && id[0] <= '9';
  bool underscore_capital = id.size() > 1 && id[0] == '_' && id[1] >= 'A' && id[1] <= 'Z';
  if (id.empty() || digit_first || underscore_capital) id = "v" + id;
  if (reserved(id)) id.push_back('_');
  return id;
}

std::string NameTable::claim(std::string_view base) {
  std::string id = identifier(base);
  std::string name = id;
  int& next = next_suffix_[id];
  int previous = next;
  if (taken(name)) {
    const char* separator = id.back() == '_' ? "" : "_";
    for (next = std::max(next, 2); taken(name = fmt::format("{}{}{}", id, separator, next));) ++next;
  }
  taken_.insert(name);
  claimed_.push_back({name, id, previous});
  return name;
}

void NameTable::release(std::size_t mark) {
  while (claimed_.size() > mark) {
    const Claim& c = claimed_.back();
    taken_.erase(c.name);
    if (c.previous_suffix == 0) {
      next_suffix_.erase(c.base);
    } else {
      next_suffix_[c.base] = c.previous_suffix;
    }
    claimed_.pop_back();
  }
}

}  // namespace ricci::codegen

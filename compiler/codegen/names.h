// Unique C++ identifiers for generated code, derived from the names in the spec.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace ricci::codegen {

// The identifiers taken in one C++ scope. Derived programs reuse spellings freely (two
// labels `i` in one contraction, a value `d_h` built twice), so every generated name is
// claimed here: a taken name gets a suffix `_2`, `_3`, ... and a name that is a C++
// keyword or an identifier the generated code relies on (`std`, `ricci`, `int64_t`, `T`)
// gets a trailing underscore first. Copy a table to open a nested scope.
class NameTable {
 public:
  // Returns the identifier for `base` and marks it taken.
  std::string claim(std::string_view base);
  bool taken(std::string_view name) const { return taken_.count(std::string(name)) > 0; }

 private:
  std::set<std::string, std::less<>> taken_;
};

// `name` made a valid identifier that is not reserved: characters outside [A-Za-z0-9_]
// become `_`, a leading digit or an empty name gets a prefix.
std::string identifier(std::string_view name);

}  // namespace ricci::codegen

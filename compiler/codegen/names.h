// Unique C++ identifiers for generated code, derived from the names in the spec.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ricci::codegen {

// The identifiers taken in one C++ scope. Derived programs reuse spellings freely (two
// labels `i` in one contraction, a value `d_h` built twice), so every generated name is
// claimed here: a taken name gets a suffix `_2`, `_3`, ... and a name that is a C++
// keyword or an identifier the generated code relies on (`std`, `ricci`, `int64_t`, `T`)
// gets a trailing underscore first. A Scope opens a nested C++ scope: what is claimed while
// it lives is released when it ends, so a loop nest's variables cost nothing to the next one
// (copying the table per nest made generation quadratic in the number of values).
class NameTable {
 public:
  // Returns the identifier for `base` and marks it taken.
  std::string claim(std::string_view base);
  bool taken(std::string_view name) const { return taken_.count(name) > 0; }

  class Scope {
   public:
    explicit Scope(NameTable& table) : table_(table), mark_(table.claimed_.size()) {}
    ~Scope() { table_.release(mark_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    NameTable& table_;
    std::size_t mark_;
  };

 private:
  // Releases every name claimed after the first `mark` claims.
  void release(std::size_t mark);

  // A claim, and the suffix counter of its base before it, so release() restores both.
  struct Claim {
    std::string name;
    std::string base;
    int previous_suffix;  // 0: the base had no counter
  };

  std::set<std::string, std::less<>> taken_;
  std::vector<Claim> claimed_;  // in claim order
  // Per base identifier, the suffix to try first: every suffix below it is taken, so
  // claiming `tmp` n times is linear, not quadratic, and gives the same names.
  std::map<std::string, int, std::less<>> next_suffix_;
};

// `name` made a valid identifier that is not reserved: characters outside [A-Za-z0-9_]
// become `_`, a leading digit or an empty name gets a prefix.
std::string identifier(std::string_view name);

}  // namespace ricci::codegen

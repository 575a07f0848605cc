// Source spellings as diagnostics show them: in backticks, cut short when very long.
#pragma once

#include <string>
#include <string_view>

namespace ricci::syntax {

// `spelling`, or its first 32 bytes and `...` when it is longer than 40, so a 100 kB
// identifier or number makes a one-line message.
inline std::string quoted(std::string_view spelling) {
  constexpr std::size_t kMax = 40, kShown = 32;
  std::string out = "`";
  if (spelling.size() > kMax) {
    out += spelling.substr(0, kShown);
    out += "...";
  } else {
    out += spelling;
  }
  return out + "`";
}

}  // namespace ricci::syntax

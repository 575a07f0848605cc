// Resolving --color against NO_COLOR and the terminal.
#include "cli/color.h"

namespace ricci::cli {

bool use_color(const std::string& mode, const char* no_color, bool is_terminal) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (no_color != nullptr && *no_color != '\0') return false;
  return is_terminal;
}

}  // namespace ricci::cli

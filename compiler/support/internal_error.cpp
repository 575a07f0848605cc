// Formats the location into the exception so the CLI can print it unchanged.
#include "support/internal_error.h"

#include <fmt/format.h>

namespace ricci {

void internal_error(const char* file, int line, const std::string& message) {
  throw InternalError(fmt::format("internal compiler error: {} ({}:{})", message, file, line));
}

}  // namespace ricci

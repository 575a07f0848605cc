// Broken invariants: always-on checks that report "internal compiler error" with a location.
#pragma once

#include <stdexcept>
#include <string>

namespace ricci {

class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void internal_error(const char* file, int line, const std::string& message);

}  // namespace ricci

// Never compiled out: user input never reaches one of these, a bug in ricci does.
#define RICCI_CHECK(cond, message)                                   \
  do {                                                               \
    if (!(cond)) ::ricci::internal_error(__FILE__, __LINE__, (message)); \
  } while (0)

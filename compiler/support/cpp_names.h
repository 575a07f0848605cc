// Names C++ gives a meaning to: sema rejects them in a spec, codegen steers clear of them.
#pragma once

#include <string_view>

namespace ricci {

// A keyword or alternative token of C++20 (`class`, `co_await`, `and`, ...), so generated
// code stays valid under any standard a user compiles it with.
bool is_cpp_keyword(std::string_view name);

// A function the C library declares in the global namespace (`exp`, `log`, `index`, `time`,
// ...), glibc's extensions included: the standard headers the runtime includes bring them
// in, so a namespace of that name at global scope would clash with them.
bool is_c_library_global(std::string_view name);

}  // namespace ricci

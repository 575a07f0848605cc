// The two lists are sorted so that lookup is a binary search.
#include "support/cpp_names.h"

#include <algorithm>
#include <iterator>

namespace ricci {
namespace {

constexpr std::string_view kKeywords[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char16_t", "char32_t", "char8_t", "class", "co_await", "co_return",
    "co_yield", "compl", "concept", "const", "const_cast", "consteval", "constexpr", "constinit",
    "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
    "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline",
    "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr",
    "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast",
    "struct", "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef",
    "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t",
    "while", "xor", "xor_eq",
};

// <cmath>, <cstdlib>, <cstdio>, <cstring> and <ctime>, plus the glibc extensions they declare
// by default (`gamma`, `j0`, `index`, `random`, ...).
constexpr std::string_view kCLibraryGlobals[] = {
    "abort", "abs", "acos", "acosh", "asctime", "asin", "asinh", "atan", "atan2", "atanh", "atof",
    "atoi", "atol", "atoll", "bcopy", "bsearch", "bzero", "calloc", "cbrt", "ceil", "clock",
    "copysign", "cos", "cosh", "ctime", "difftime", "div", "drem", "erf", "erfc", "exit", "exp",
    "exp10", "exp2", "expm1", "fabs", "fclose", "fdim", "fflush", "fgets", "finite", "floor", "fma",
    "fmax", "fmin", "fmod", "fopen", "fprintf", "fputs", "fread", "free", "frexp", "fscanf",
    "fseek", "ftell", "fwrite", "gamma", "getc", "getchar", "getenv", "gmtime", "hypot", "ilogb",
    "index", "j0", "j1", "jn", "labs", "ldexp", "ldiv", "lgamma", "llabs", "lldiv", "llrint",
    "llround", "localtime", "log", "log10", "log1p", "log2", "logb", "lrint", "lround", "malloc",
    "memchr", "memcmp", "memcpy", "memmove", "memset", "mktemp", "mktime", "modf", "nan",
    "nearbyint", "nextafter", "nexttoward", "perror", "pow", "printf", "putc", "putchar", "puts",
    "qsort", "rand", "random", "realloc", "remainder", "remove", "remquo", "rename", "rewind",
    "rindex", "rint", "round", "scalbln", "scalbn", "scanf", "select", "significand", "sin",
    "sincos", "sinh", "snprintf", "sprintf", "sqrt", "srand", "srandom", "sscanf", "strcat",
    "strchr", "strcmp", "strcoll", "strcpy", "strcspn", "strerror", "strftime", "strlen", "strncat",
    "strncmp", "strncpy", "strpbrk", "strrchr", "strspn", "strstr", "strtod", "strtof", "strtok",
    "strtol", "strtold", "strtoll", "strtoul", "strtoull", "system", "tan", "tanh", "tgamma",
    "time", "tmpfile", "tmpnam", "trunc", "y0", "y1", "yn",
};

template <std::size_t N>
constexpr bool sorted(const std::string_view (&names)[N]) {
  for (std::size_t k = 1; k < N; ++k)
    if (!(names[k - 1] < names[k])) return false;
  return true;
}
static_assert(sorted(kKeywords), "kKeywords must stay sorted and free of duplicates");
static_assert(sorted(kCLibraryGlobals), "kCLibraryGlobals must stay sorted and free of duplicates");

}  // namespace

bool is_cpp_keyword(std::string_view name) {
  return std::binary_search(std::begin(kKeywords), std::end(kKeywords), name);
}

bool is_c_library_global(std::string_view name) {
  return std::binary_search(std::begin(kCLibraryGlobals), std::end(kCLibraryGlobals), name);
}

}  // namespace ricci

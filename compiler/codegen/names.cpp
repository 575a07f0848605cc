// Keywords are C++20's, so generated code stays valid under any standard a user picks.
#include "codegen/names.h"

#include <fmt/format.h>

namespace ricci::codegen {
namespace {

// C++ keywords and alternative tokens, plus names every generated file uses unqualified
// or as a namespace/template parameter, so a tensor spelled like one cannot hide it.
constexpr std::string_view kReserved[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
    "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
    "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
    "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
    "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
    "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
    "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
    "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
    "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq", "final", "override",
    "import", "module",
    // Not keywords, but the generated code needs them to mean what they usually mean.
    "std", "ricci", "int64_t", "size_t", "T", "main", "assert",
};

// Functions the C library declares in the global namespace (which the runtime's and the
// driver's standard headers bring in, glibc adding GNU ones), and the driver's own globals:
// a layer namespace at global scope must not be spelled like one of them.
constexpr std::string_view kGlobals[] = {
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "copysign", "cos",
    "cosh", "erf", "erfc", "exp", "exp2", "expm1", "fabs", "fdim", "floor", "fma", "fmax", "fmin",
    "fmod", "frexp", "hypot", "ilogb", "ldexp", "lgamma", "llrint", "llround", "log", "log10",
    "log1p", "log2", "logb", "lrint", "lround", "modf", "nan", "nearbyint", "nextafter",
    "nexttoward", "pow", "remainder", "remquo", "rint", "round", "scalbln", "scalbn", "sin",
    "sinh", "sqrt", "tan", "tanh", "tgamma", "trunc", "gamma", "j0", "j1", "jn", "y0", "y1", "yn",
    "drem", "significand", "exp10", "sincos", "finite", "abort", "abs", "atof", "atoi", "atol",
    "atoll", "bsearch", "calloc", "div", "exit", "free", "getenv", "labs", "ldiv", "llabs",
    "lldiv", "malloc", "qsort", "rand", "realloc", "srand", "strtod", "strtof", "strtol",
    "strtold", "strtoll", "strtoul", "strtoull", "system", "random", "srandom", "mktemp",
    "printf", "fprintf", "sprintf", "snprintf", "scanf", "fscanf", "sscanf", "puts", "fputs",
    "fgets", "fopen", "fclose", "fflush", "fread", "fwrite", "fseek", "ftell", "rewind", "remove",
    "rename", "perror", "getc", "putc", "getchar", "putchar", "tmpfile", "tmpnam", "memchr",
    "memcmp", "memcpy", "memmove", "memset", "strcat", "strchr", "strcmp", "strcoll", "strcpy",
    "strcspn", "strerror", "strlen", "strncat", "strncmp", "strncpy", "strpbrk", "strrchr",
    "strspn", "strstr", "strtok", "index", "rindex", "bcopy", "bzero", "time", "clock",
    "difftime", "mktime", "asctime", "ctime", "gmtime", "localtime", "strftime", "select",
    "ricci_driver", "print_usage", "run_program", "run_evaluate", "run_pullback",
    "run_pushforward", "run_pullback2",
};

bool reserved(std::string_view name) {
  for (std::string_view r : kReserved) {
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
  if (id.empty() || (id[0] >= '0' && id[0] <= '9') || (id[0] == '_' && id.size() > 1 && id[1] >= 'A' && id[1] <= 'Z')) {
    id = "v" + id;
  }
  if (reserved(id)) id.push_back('_');
  return id;
}

std::string global_namespace(std::string_view layer) {
  std::string id = identifier(layer);
  for (std::string_view g : kGlobals) {
    if (g == id) return id + "_";
  }
  return id;
}

std::string NameTable::claim(std::string_view base) {
  std::string id = identifier(base);
  std::string name = id;
  const char* separator = id.back() == '_' ? "" : "_";
  for (int k = 2; taken(name); ++k) name = fmt::format("{}{}{}", id, separator, k);
  taken_.insert(name);
  return name;
}

}  // namespace ricci::codegen

// The closed set of elementwise functions a call may name.
#include "syntax/ast.h"

#include <array>
#include <utility>

namespace ricci::syntax {

namespace {

constexpr std::array<std::pair<Function, const char*>, 10> kFunctions = {{
    {Function::exp, "exp"},
    {Function::log, "log"},
    {Function::tanh, "tanh"},
    {Function::sigmoid, "sigmoid"},
    {Function::relu, "relu"},
    {Function::sqrt, "sqrt"},
    {Function::square, "square"},
    {Function::sin, "sin"},
    {Function::cos, "cos"},
    {Function::abs, "abs"},
}};

}  // namespace

const char* function_name(Function fn) {
  for (const auto& [f, name] : kFunctions)
    if (f == fn) return name;
  return "unknown";
}

std::optional<Function> function_from_name(std::string_view name) {
  for (const auto& [f, spelled] : kFunctions)
    if (name == spelled) return f;
  return std::nullopt;
}

}  // namespace ricci::syntax

// Reserved names: C++ keywords, names the generated code uses, and derived-name prefixes.
#include "sema/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace ricci::sema {
namespace {

constexpr std::array<std::string_view, 92> kKeywords = {
    "alignas",   "alignof",      "and",       "and_eq",    "asm",           "auto",        "bitand",
    "bitor",     "bool",         "break",     "case",      "catch",         "char",        "char8_t",
    "char16_t",  "char32_t",     "class",     "compl",     "concept",       "const",       "consteval",
    "constexpr", "constinit",    "const_cast", "continue", "co_await",      "co_return",   "co_yield",
    "decltype",  "default",      "delete",    "do",        "double",        "dynamic_cast", "else",
    "enum",      "explicit",     "export",    "extern",    "false",         "float",       "for",
    "friend",    "goto",         "if",        "inline",    "int",           "long",        "mutable",
    "namespace", "new",          "noexcept",  "not",       "not_eq",        "nullptr",     "operator",
    "or",        "or_eq",        "private",   "protected", "public",        "register",    "reinterpret_cast",
    "requires",  "return",       "short",     "signed",    "sizeof",        "static",      "static_assert",
    "static_cast", "struct",     "switch",    "template",  "this",          "thread_local", "throw",
    "true",      "try",          "typedef",   "typeid",    "typename",      "union",       "unsigned",
    "using",     "virtual",      "void",      "volatile",  "wchar_t",       "while",       "xor",
    "xor_eq"};

// Identifiers the generated code declares next to user names: the workspace, the shape
// struct, the element type, and the namespaces it qualifies calls with.
constexpr std::array<std::string_view, 5> kGeneratedNames = {"ws", "shapes", "T", "std", "ricci"};

// Cotangents `d_`, tangents `t_`, second-order `dd_` and `g_`, and sizes `n_`.
constexpr std::array<std::string_view, 5> kDerivedPrefixes = {"d_", "t_", "dd_", "g_", "n_"};

}  // namespace

std::optional<std::string> reserved_reason(std::string_view name) {
  if (std::find(kKeywords.begin(), kKeywords.end(), name) != kKeywords.end())
    return std::string("it is a C++ keyword");
  if (std::find(kGeneratedNames.begin(), kGeneratedNames.end(), name) != kGeneratedNames.end())
    return std::string("the generated code uses this name");
  if (name.starts_with('_')) return std::string("names starting with `_` are reserved");
  if (name.find("__") != std::string_view::npos) return std::string("names containing `__` are reserved in C++");
  for (std::string_view prefix : kDerivedPrefixes)
    if (name.starts_with(prefix))
      return fmt::format("the prefix `{}` is reserved for derived names", prefix);
  return std::nullopt;
}

namespace {

void report_reserved(const syntax::Ident& ident, const char* what, Diagnostics& diags) {
  if (auto why = reserved_reason(ident.text))
    diags.error(DiagKind::reserved_name, ident.range,
                fmt::format("`{}` cannot name {}: {}", ident.text, what, *why));
}

}  // namespace

void check_names(const syntax::Layer& layer, const std::vector<AccessSite>& sites, Diagnostics& diags) {
  report_reserved(layer.name, "a layer", diags);
  std::map<std::string, const AccessSite*> tensors;
  std::map<std::string, const syntax::Ident*> indices;
  std::vector<const syntax::Ident*> index_order;
  for (const AccessSite& site : sites) {
    if (tensors.try_emplace(site.access->name.text, &site).second)
      report_reserved(site.access->name, "a tensor", diags);
    for (const syntax::Ident& idx : site.access->indices)
      if (indices.try_emplace(idx.text, &idx).second) {
        report_reserved(idx, "an index", diags);
        index_order.push_back(&idx);
      }
  }
  for (const syntax::Ident* idx : index_order) {
    auto t = tensors.find(idx->text);
    if (t == tensors.end()) continue;
    diags
        .error(DiagKind::name_clash, idx->range,
               fmt::format("index `{}` has the name of a tensor of layer `{}`", idx->text, layer.name.text))
        .notes.push_back({t->second->range, fmt::format("tensor `{}` is used here", idx->text)});
  }
}

}  // namespace ricci::sema

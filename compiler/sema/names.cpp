// Reserved names: C++ keywords, names the generated code uses, derived-name prefixes, and
// for layers the C library's global functions.
#include "sema/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "support/cpp_names.h"

namespace ricci::sema {
namespace {

// Identifiers the generated code declares next to user names: the workspace, the shape
// struct, the element type, and the namespaces it qualifies calls with.
constexpr std::array<std::string_view, 5> kGeneratedNames = {"ws", "shapes", "T", "std", "ricci"};

// Cotangents `d_`, tangents `t_`, second-order `dd_` and `g_`, and sizes `n_`.
constexpr std::array<std::string_view, 5> kDerivedPrefixes = {"d_", "t_", "dd_", "g_", "n_"};

}  // namespace

std::optional<std::string> reserved_reason(std::string_view name) {
  if (is_cpp_keyword(name)) return std::string("it is a C++ keyword");
  if (std::find(kGeneratedNames.begin(), kGeneratedNames.end(), name) != kGeneratedNames.end())
    return std::string("the generated code uses this name");
  if (name.starts_with('_')) return std::string("names starting with `_` are reserved");
  if (name.find("__") != std::string_view::npos) return std::string("names containing `__` are reserved in C++");
  for (std::string_view prefix : kDerivedPrefixes)
    if (name.starts_with(prefix))
      return fmt::format("the prefix `{}` is reserved for derived names", prefix);
  return std::nullopt;
}

std::optional<std::string> layer_reserved_reason(std::string_view name) {
  if (auto why = reserved_reason(name)) return why;
  if (is_c_library_global(name))
    return fmt::format("its namespace would clash with the C library's `::{}`", name);
  return std::nullopt;
}

namespace {

void report_reserved(const syntax::Ident& ident, const char* what, const std::optional<std::string>& why,
                     Diagnostics& diags) {
  if (why)
    diags.error(DiagKind::reserved_name, ident.range,
                fmt::format("`{}` cannot name {}: {}", ident.text, what, *why));
}

}  // namespace

void check_names(const syntax::Layer& layer, const std::vector<AccessSite>& sites, Diagnostics& diags) {
  report_reserved(layer.name, "a layer", layer_reserved_reason(layer.name.text), diags);
  std::map<std::string, const AccessSite*> tensors;
  std::map<std::string, const syntax::Ident*> indices;
  std::vector<const syntax::Ident*> index_order;
  for (const AccessSite& site : sites) {
    if (tensors.try_emplace(site.access->name.text, &site).second)
      report_reserved(site.access->name, "a tensor", reserved_reason(site.access->name.text), diags);
    for (const syntax::Ident& idx : site.access->indices)
      if (indices.try_emplace(idx.text, &idx).second) {
        report_reserved(idx, "an index", reserved_reason(idx.text), diags);
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

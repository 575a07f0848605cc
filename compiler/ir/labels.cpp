// Label facts used by the builder and both printers.
#include <algorithm>

#include <fmt/format.h>

#include "ir/detail.h"
#include "ir/ir_api.h"

namespace ricci::ir::detail {

bool is_broadcast_constant(const Contract& c) {
  if (!c.operands.empty() || c.out.size() != c.labels.size()) return false;
  std::vector<bool> seen(c.labels.size());
  for (Label l : c.out) {
    if (seen[static_cast<std::size_t>(l)]) return false;
    seen[static_cast<std::size_t>(l)] = true;
  }
  return true;
}

}  // namespace ricci::ir::detail

namespace ricci::ir {
namespace {

void add_primed(std::vector<std::string>& names, std::string name) {
  while (std::find(names.begin(), names.end(), name) != names.end()) name += '\'';
  names.push_back(std::move(name));
}

}  // namespace

std::vector<std::string> label_spellings(const Contract& c, const std::vector<Extent>& extents) {
  std::vector<std::string> names;
  for (const LabelInfo& info : c.labels)
    add_primed(names, info.name.empty() ? extents.at(static_cast<std::size_t>(info.extent)).name : info.name);
  return names;
}

std::vector<std::string> axis_spellings(const Shape& shape, const std::vector<Extent>& extents) {
  std::vector<std::string> names;
  for (ExtentId e : shape) add_primed(names, extents.at(static_cast<std::size_t>(e)).name);
  return names;
}

std::string format_access(const std::string& name, const std::vector<std::string>& axes) {
  return axes.empty() ? name : fmt::format("{}[{}]", name, fmt::join(axes, ","));
}

}  // namespace ricci::ir

// Label facts used by the builder and both printers.
#include <algorithm>

#include "ir/detail.h"

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

std::vector<std::string> label_spellings(const Contract& c, const std::vector<Extent>& extents) {
  std::vector<std::string> names;
  for (const LabelInfo& info : c.labels) {
    std::string name =
        info.name.empty() ? extents.at(static_cast<std::size_t>(info.extent)).name : info.name;
    while (std::find(names.begin(), names.end(), name) != names.end()) name += '\'';
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace ricci::ir::detail

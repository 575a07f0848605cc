#include "codegen/spec_lines.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "codegen/api.h"
#include "ir/ir_api.h"

namespace ricci::codegen {
namespace {

// The statement line of `name`, or of the tensor it is a derivative of.
std::optional<uint32_t> statement_line(const std::map<std::string, uint32_t>& statements, std::string_view name) {
  constexpr std::array<std::string_view, 6> kPrefixes = {"saved_", "g_d_", "dd_", "d_", "t_", "g_"};
  while (!name.empty()) {
    if (auto it = statements.find(std::string(name)); it != statements.end()) return it->second;
    auto prefix = std::find_if(kPrefixes.begin(), kPrefixes.end(),
                               [&](std::string_view p) { return name.substr(0, p.size()) == p; });
    if (prefix == kPrefixes.end()) return std::nullopt;
    name.remove_prefix(prefix->size());
  }
  return std::nullopt;
}

}  // namespace

std::vector<uint32_t> value_lines(const SpecLines& lines, const ir::Program& p) {
  const std::size_t n = p.values.size();
  std::vector<std::size_t> first_reader(n, n);
  for (std::size_t k = 0; k < n; ++k) {
    for (ir::ValueId x : ir::operands(p.values[k].op)) {
      first_reader[static_cast<std::size_t>(x)] = std::min(first_reader[static_cast<std::size_t>(x)], k);
    }
  }
  std::vector<uint32_t> line(n, lines.layer);
  for (std::size_t k = n; k-- > 0;) {
    std::optional<uint32_t> own;
    if (lines.statements != nullptr) own = statement_line(*lines.statements, p.values[k].name);
    if (own) {
      line[k] = *own;
    } else if (first_reader[k] < n) {
      line[k] = line[first_reader[k]];
    }
  }
  return line;
}

std::string line_directive(const SpecLines& lines, uint32_t line) {
  return fmt::format("#line {} {}", line, c_string(lines.file));
}

}  // namespace ricci::codegen

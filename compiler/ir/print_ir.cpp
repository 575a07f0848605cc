// print_ir(): the deterministic SSA dump behind `--emit=ir` and IR goldens.
#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

#include "ir/detail.h"
#include "ir/ir_api.h"

namespace ricci::ir {
namespace {

std::string shape_text(const Shape& shape, const std::vector<Extent>& extents) {
  std::vector<std::string> names;
  for (ExtentId e : shape) names.push_back(extents.at(static_cast<std::size_t>(e)).name);
  return fmt::format("[{}]", fmt::join(names, ","));
}

// `contract 2 * %0[i,j] %1[j,k] |l| -> [i,k]`: `|l|` is a summed label no operand reads,
// which scales the result by its extent.
std::string contract_text(const Contract& c, const std::vector<Extent>& extents) {
  std::vector<std::string> names = label_spellings(c, extents);
  auto spell = [&](const std::vector<Label>& labels) {
    std::vector<std::string> s;
    for (Label l : labels) s.push_back(names[static_cast<std::size_t>(l)]);
    return fmt::format("[{}]", fmt::join(s, ","));
  };
  std::vector<std::string> factors;
  std::vector<bool> read(c.labels.size());
  for (const Operand& operand : c.operands) {
    factors.push_back(fmt::format("%{}{}", operand.value, spell(operand.labels)));
    for (Label l : operand.labels) read[static_cast<std::size_t>(l)] = true;
  }
  for (std::size_t l = 0; l < c.labels.size(); ++l) {
    bool free = std::find(c.out.begin(), c.out.end(), static_cast<Label>(l)) != c.out.end();
    if (!read[l] && !free) factors.push_back(fmt::format("|{}|", names[l]));
  }
  std::string text = fmt::format("contract {}", c.coeff);
  if (!factors.empty()) text += fmt::format(" * {}", fmt::join(factors, " "));
  return text + " -> " + spell(c.out);
}

std::string op_text(const Value& v, const std::vector<Extent>& extents) {
  return std::visit(
      [&](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, Input>) {
          return "input " + shape_text(v.shape, extents);
        } else if constexpr (std::is_same_v<T, Contract>) {
          return contract_text(o, extents);
        } else if constexpr (std::is_same_v<T, Map>) {
          if (o.fn == Fn::powi) return fmt::format("map powi {} %{}", o.exponent, o.arg);
          return fmt::format("map {} %{}", fn_name(o.fn), o.arg);
        } else {
          static_assert(std::is_same_v<T, Add>);
          return fmt::format("add %{}", fmt::join(o.terms, " %"));
        }
      },
      v.op);
}

}  // namespace

std::string print_ir(const Program& p) {
  std::string text = fmt::format("layer {} {}\nextents", p.layer, program_name(p.kind));
  for (const Extent& e : p.extents) {
    text += e.hint ? fmt::format(" {}={}", e.name, *e.hint) : " " + e.name;
  }
  text += '\n';
  for (std::size_t i = 0; i < p.values.size(); ++i) {
    const Value& v = p.values[i];
    std::string name = v.name.empty() ? "" : " " + v.name;
    text += fmt::format("%{}{} = {}\n", i, name, op_text(v, p.extents));
  }
  for (const Result& r : p.outputs) text += fmt::format("output {} = %{}\n", r.name, r.value);
  return text;
}

}  // namespace ricci::ir

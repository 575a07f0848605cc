// save_intermediates(): evaluate outputs its intermediates; the pullback reads them.
#include "opt/saved.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <type_traits>
#include <variant>

#include "ir/builder.h"
#include "ir/ir_api.h"
#include "opt/canon.h"
#include "support/internal_error.h"

namespace ricci::opt {
namespace {

bool is_constant(const ir::Op& op) {
  const auto* c = std::get_if<ir::Contract>(&op);
  return c != nullptr && c->operands.empty();
}

std::vector<ir::ValueId> operands_of(const ir::Op& op) {
  return std::visit(
      [](const auto& o) -> std::vector<ir::ValueId> {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ir::Input>) {
          return {};
        } else if constexpr (std::is_same_v<T, ir::Contract>) {
          std::vector<ir::ValueId> ids;
          for (const ir::Operand& x : o.operands) ids.push_back(x.value);
          return ids;
        } else if constexpr (std::is_same_v<T, ir::Map>) {
          return {o.arg};
        } else {
          static_assert(std::is_same_v<T, ir::Add>);
          return o.terms;
        }
      },
      op);
}

// `saved_<name>`; a value without a name, or one of several of that name (`s` and `s += ...`),
// is told apart by its number in evaluate.
std::string saved_name(const ir::Program& evaluate, ir::ValueId id) {
  const std::string& name = evaluate.at(id).name;
  int same = 0;
  for (const ir::Value& v : evaluate.values) same += v.name == name ? 1 : 0;
  if (name.empty()) return fmt::format("saved_{}", id);
  return same > 1 ? fmt::format("saved_{}_{}", name, id) : "saved_" + name;
}

}  // namespace

SavedForm save_intermediates(const ir::Program& evaluate, const ir::Program& pullback) {
  Canon canon;
  std::vector<int> forward = canon.ids(evaluate), backward = canon.ids(pullback);
  std::map<int, ir::ValueId> in_evaluate;
  for (std::size_t k = 0; k < evaluate.values.size(); ++k)
    if (!std::holds_alternative<ir::Input>(evaluate.values[k].op) && !is_constant(evaluate.values[k].op))
      in_evaluate.try_emplace(forward[k], static_cast<ir::ValueId>(k));

  // A shared value is saved where something the pullback computes itself reads it.
  auto shared = [&](ir::ValueId id) {
    return in_evaluate.count(backward[static_cast<std::size_t>(id)]) != 0 &&
           !std::holds_alternative<ir::Input>(pullback.at(id).op);
  };
  std::set<ir::ValueId> needed;
  for (std::size_t k = 0; k < pullback.values.size(); ++k) {
    auto id = static_cast<ir::ValueId>(k);
    if (shared(id)) continue;
    for (ir::ValueId x : operands_of(pullback.values[k].op))
      if (shared(x)) needed.insert(x);
  }
  for (const ir::Result& r : pullback.outputs)
    if (shared(r.value)) needed.insert(r.value);

  SavedForm form{evaluate, pullback, {}};
  if (needed.empty()) return form;

  ir::Builder b(pullback.extents);
  std::vector<ir::ValueId> ids(pullback.values.size(), -1);
  for (ir::ValueId x : pullback.inputs)
    ids[static_cast<std::size_t>(x)] = b.input(pullback.at(x).name, pullback.at(x).shape);
  std::set<std::string> taken;
  for (ir::ValueId x : pullback.inputs) taken.insert(pullback.at(x).name);
  for (const ir::Result& r : evaluate.outputs) taken.insert(r.name);
  std::map<ir::ValueId, ir::ValueId> input_of;  // by the saved value of evaluate
  for (ir::ValueId x : needed) {
    ir::ValueId source = in_evaluate.at(backward[static_cast<std::size_t>(x)]);
    auto [it, fresh] = input_of.try_emplace(source, -1);
    if (fresh) {
      std::string name = saved_name(evaluate, source);
      while (!taken.insert(name).second) name += '_';
      form.evaluate.outputs.push_back(ir::Result{name, source});
      form.saved.push_back(name);
      it->second = b.input(name, pullback.at(x).shape);
    }
    ids[static_cast<std::size_t>(x)] = it->second;
  }
  auto id = [&](ir::ValueId old) { return ids.at(static_cast<std::size_t>(old)); };
  for (std::size_t k = 0; k < pullback.values.size(); ++k) {
    if (ids[k] >= 0) continue;
    const ir::Value& v = pullback.values[k];
    ids[k] = std::visit(
        [&](const auto& o) -> ir::ValueId {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, ir::Input>) {
            RICCI_CHECK(false, fmt::format("input `{}` is not listed among the pullback's inputs", o.name));
          } else if constexpr (std::is_same_v<T, ir::Contract>) {
            std::vector<ir::Operand> operands = o.operands;
            for (ir::Operand& x : operands) x.value = id(x.value);
            return b.contract(o.coeff, std::move(operands), o.out, o.labels, v.name);
          } else if constexpr (std::is_same_v<T, ir::Map>) {
            return b.map(o.fn, id(o.arg), o.exponent, v.name);
          } else {
            static_assert(std::is_same_v<T, ir::Add>);
            std::vector<ir::ValueId> terms;
            for (ir::ValueId t : o.terms) terms.push_back(id(t));
            return b.add(std::move(terms), v.name);
          }
        },
        v.op);
  }
  for (const ir::Result& r : pullback.outputs) b.output(r.name, id(r.value));
  form.pullback = b.finish(pullback.layer, pullback.kind);
  ir::verify(form.evaluate);
  return form;
}

}  // namespace ricci::opt

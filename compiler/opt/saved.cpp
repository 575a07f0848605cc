// save_intermediates(): evaluate outputs its intermediates; the pullback reads them.
#include "opt/saved.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <variant>

#include "ir/builder.h"
#include "ir/ir_api.h"
#include "opt/canon.h"

namespace ricci::opt {
namespace {

bool is_constant(const ir::Op& op) {
  const auto* c = std::get_if<ir::Contract>(&op);
  return c != nullptr && c->operands.empty();
}

// `saved_<name>`, a value without a name named from what it computes (ir::derived_name); one
// of several of that name (`s` and `s += ...`) is told apart by its number in evaluate.
std::string saved_name(const std::vector<std::string>& names, ir::ValueId id) {
  const std::string& name = names.at(static_cast<std::size_t>(id));
  const auto same = std::count(names.begin(), names.end(), name);
  return same > 1 ? fmt::format("saved_{}_{}", name, id) : "saved_" + name;
}

// For each value of `derived` that evaluate computes too and that something `derived` computes
// itself needs reads (or that is one of its outputs): the value of evaluate it repeats. A cheap
// pointwise value is not saved but computed again from its operands (which may be saved):
// inside the loop that reads it, that costs a few instructions, where storing it costs evaluate
// a pass over memory and reading it back costs the pullback another.
std::map<ir::ValueId, ir::ValueId> shared_values(Canon& canon, const std::map<int, ir::ValueId>& in_evaluate,
                                                 const ir::Program& derived) {
  std::vector<int> ids = canon.ids(derived);
  auto shared = [&](ir::ValueId id) {
    return in_evaluate.count(ids[static_cast<std::size_t>(id)]) != 0 &&
           !std::holds_alternative<ir::Input>(derived.at(id).op) && !ir::is_cheap_pointwise(derived.at(id));
  };
  // From the outputs back: a shared value is read, not computed, so what it reads is not needed
  // for it (a cheap value that only feeds a saved one is not computed again).
  std::vector<bool> live(derived.values.size(), false);
  for (const ir::Result& r : derived.outputs) live[static_cast<std::size_t>(r.value)] = true;
  std::map<ir::ValueId, ir::ValueId> needed;
  for (std::size_t k = derived.values.size(); k-- > 0;) {
    auto id = static_cast<ir::ValueId>(k);
    if (!live[k]) continue;
    if (shared(id)) {
      needed.emplace(id, in_evaluate.at(ids[k]));
      continue;
    }
    for (ir::ValueId x : ir::operands(derived.values[k].op)) live[static_cast<std::size_t>(x)] = true;
  }
  return needed;
}

// `derived` reading the values of `needed` from inputs named after what they save, in the
// order of `saved`, after its own inputs.
ir::Program read_saved(const ir::Program& derived, const std::map<ir::ValueId, ir::ValueId>& needed,
                       const std::map<ir::ValueId, std::string>& saved) {
  ir::Builder b(derived.extents);
  for (ir::ValueId x : derived.inputs) b.input(derived.at(x).name, derived.at(x).shape);
  std::map<ir::ValueId, ir::ValueId> replacements;  // by value of `derived`: its saved input
  for (const auto& [source, name] : saved) {
    std::optional<ir::ValueId> input;
    for (const auto& [x, from] : needed) {
      if (from != source) continue;
      if (!input) input = b.input(name, derived.at(x).shape);
      replacements.emplace(x, *input);
    }
  }
  std::vector<ir::ValueId> ids = b.import(derived, replacements);
  for (const ir::Result& r : derived.outputs) b.output(r.name, ids.at(static_cast<std::size_t>(r.value)));
  return b.finish(derived.layer, derived.kind);
}

}  // namespace

SavedForm save_intermediates(const ir::Program& evaluate, const std::vector<const ir::Program*>& derived) {
  Canon canon;
  std::vector<int> forward = canon.ids(evaluate);
  std::map<int, ir::ValueId> in_evaluate;
  for (std::size_t k = 0; k < evaluate.values.size(); ++k)
    if (!std::holds_alternative<ir::Input>(evaluate.values[k].op) && !is_constant(evaluate.values[k].op))
      in_evaluate.try_emplace(forward[k], static_cast<ir::ValueId>(k));

  std::vector<std::map<ir::ValueId, ir::ValueId>> needed;
  std::map<ir::ValueId, std::string> saved;  // by value of evaluate, in evaluation order
  for (const ir::Program* p : derived) {
    needed.push_back(shared_values(canon, in_evaluate, *p));
    for (const auto& entry : needed.back()) saved.emplace(entry.second, "");
  }

  SavedForm form{evaluate, {}, {}};
  std::set<std::string> taken;
  for (const ir::Program* p : derived)
    for (ir::ValueId x : p->inputs) taken.insert(p->at(x).name);
  for (const ir::Result& r : evaluate.outputs) taken.insert(r.name);
  std::vector<std::string> names;
  for (const ir::Value& v : evaluate.values) names.push_back(v.name.empty() ? ir::derived_name(v, names) : v.name);
  for (auto& [source, name] : saved) {
    name = saved_name(names, source);
    while (!taken.insert(name).second) name += '_';
    form.evaluate.outputs.push_back(ir::Result{name, source});
    form.saved.push_back(name);
  }
  for (std::size_t k = 0; k < derived.size(); ++k)
    form.readers.push_back(needed[k].empty() ? *derived[k] : read_saved(*derived[k], needed[k], saved));
  ir::verify(form.evaluate);
  return form;
}

}  // namespace ricci::opt

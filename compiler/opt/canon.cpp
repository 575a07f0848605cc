// Canonical keys of values: what makes two values of a layer's programs the same tensor.
#include "opt/canon.h"

#include <algorithm>
#include <variant>

#include "ir/ir_api.h"

namespace ricci::opt {
namespace {

// The structural key of `v` with its operands replaced by their canonical ids and put in
// id order, so that operand order and value numbering do not matter.
std::string key(const ir::Value& v, const std::vector<int>& ids) {
  if (const auto* in = std::get_if<ir::Input>(&v.op)) return "in " + in->name;
  auto id = [&](ir::ValueId x) { return static_cast<ir::ValueId>(ids.at(static_cast<std::size_t>(x))); };
  ir::Op op = v.op;
  if (auto* c = std::get_if<ir::Contract>(&op)) {
    for (ir::Operand& x : c->operands) x.value = id(x.value);
    std::stable_sort(c->operands.begin(), c->operands.end(),
                     [](const ir::Operand& a, const ir::Operand& b) { return a.value < b.value; });
  } else if (auto* m = std::get_if<ir::Map>(&op)) {
    m->arg = id(m->arg);
  } else if (auto* a = std::get_if<ir::Add>(&op)) {
    for (ir::ValueId& t : a->terms) t = id(t);
    std::sort(a->terms.begin(), a->terms.end());
  }
  return ir::structural_key(op);
}

}  // namespace

std::vector<int> Canon::ids(const ir::Program& p) {
  std::vector<int> out;
  for (const ir::Value& v : p.values) out.push_back(intern(key(v, out)));
  return out;
}

int Canon::intern(const std::string& k) { return table_.try_emplace(k, static_cast<int>(table_.size())).first->second; }

}  // namespace ricci::opt

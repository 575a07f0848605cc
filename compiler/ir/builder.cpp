// Builder bookkeeping: inputs, interning (hash-consing), outputs, import and finish.
#include "ir/builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

#include "ir/detail.h"
#include "ir/ir_api.h"
#include "support/internal_error.h"

namespace ricci::ir {

Builder::Builder(std::vector<Extent> extents) : extents_(std::move(extents)) {}

ValueId Builder::input(std::string name, Shape shape) {
  RICCI_CHECK(!name.empty(), "input without a name");
  for (ValueId id : inputs_) {
    RICCI_CHECK(at(id).name != name, fmt::format("second input named `{}`", name));
  }
  detail::check_shape(shape, extents_.size());
  ValueId id = push(Input{name}, std::move(shape), name);
  inputs_.push_back(id);
  return id;
}

// Inputs are appended as they are; every other op is looked up by its structural key first,
// so an identical op returns the existing value (which keeps its name, or takes this one if
// it had none).
ValueId Builder::push(Op op, Shape shape, std::string name) {
  std::string key;
  if (!std::holds_alternative<Input>(op)) {
    key = structural_key(op);
    auto it = unique_.find(key);
    if (it != unique_.end()) {
      Value& existing = values_[static_cast<std::size_t>(it->second)];
      if (existing.name.empty()) existing.name = std::move(name);
      return it->second;
    }
  }
  auto id = static_cast<ValueId>(values_.size());
  values_.push_back(Value{std::move(op), std::move(shape), std::move(name)});
  if (!key.empty()) unique_.emplace(std::move(key), id);
  return id;
}

ValueId Builder::constant(double value, Shape shape) {
  detail::check_shape(shape, extents_.size());
  Contract c;
  c.coeff = value == 0 ? 0.0 : value;  // one zero: -0 and +0 differ in their bits
  for (std::size_t axis = 0; axis < shape.size(); ++axis) {
    c.out.push_back(static_cast<Label>(axis));
    c.labels.push_back(LabelInfo{extents_[static_cast<std::size_t>(shape[axis])].name, shape[axis]});
  }
  return push(std::move(c), std::move(shape), "");
}

std::optional<double> Builder::constant_value(ValueId id) const {
  const auto* c = std::get_if<Contract>(&at(id).op);
  if (c == nullptr || !detail::is_broadcast_constant(*c)) return std::nullopt;
  return c->coeff;
}

void Builder::output(std::string name, ValueId value) {
  RICCI_CHECK(!name.empty(), "output without a name");
  RICCI_CHECK(value >= 0 && static_cast<std::size_t>(value) < values_.size(),
              fmt::format("output `{}` names unknown value %{}", name, value));
  for (const Result& r : outputs_) {
    RICCI_CHECK(r.name != name, fmt::format("second output named `{}`", name));
  }
  outputs_.push_back(Result{std::move(name), value});
}

std::vector<ValueId> Builder::import(const Program& p, const std::map<ValueId, ValueId>& replacements) {
  RICCI_CHECK(p.extents.size() == extents_.size(),
              fmt::format("importing a program of {} extents into a builder of {}",
                          p.extents.size(), extents_.size()));
  std::vector<ValueId> ids;
  ids.reserve(p.values.size());
  auto id_of = [&](ValueId old) {
    RICCI_CHECK(old >= 0 && static_cast<std::size_t>(old) < ids.size(),
                fmt::format("imported value refers to %{} before it is defined", old));
    return ids[static_cast<std::size_t>(old)];
  };
  for (const Value& v : p.values) {
    if (auto it = replacements.find(static_cast<ValueId>(ids.size())); it != replacements.end()) {
      ids.push_back(it->second);
      continue;
    }
    ids.push_back(std::visit(
        [&](const auto& o) -> ValueId {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, Input>) {
            for (ValueId existing : inputs_) {
              if (at(existing).name == o.name) {
                RICCI_CHECK(at(existing).shape == v.shape,
                            fmt::format("imported input `{}` differs in shape", o.name));
                return existing;
              }
            }
            return input(o.name, v.shape);
          } else if constexpr (std::is_same_v<T, Contract>) {
            std::vector<Operand> operands = o.operands;
            for (Operand& operand : operands) operand.value = id_of(operand.value);
            return contract(o.coeff, std::move(operands), o.out, o.labels, v.name);
          } else if constexpr (std::is_same_v<T, Map>) {
            return map(o.fn, id_of(o.arg), o.exponent, v.name);
          } else {
            static_assert(std::is_same_v<T, Add>);
            std::vector<ValueId> terms;
            for (ValueId t : o.terms) terms.push_back(id_of(t));
            return add(std::move(terms), v.name);
          }
        },
        v.op));
  }
  return ids;
}

Program Builder::finish(std::string layer, ProgramKind kind) const {
  // Creation order is topological (operands exist before their users), so one backward
  // sweep marks everything the outputs need.
  std::vector<bool> live(values_.size());
  for (ValueId id : inputs_) live[static_cast<std::size_t>(id)] = true;
  for (const Result& r : outputs_) live[static_cast<std::size_t>(r.value)] = true;
  for (std::size_t i = values_.size(); i-- > 0;) {
    if (live[i]) detail::for_each_operand(values_[i].op, [&](ValueId id) { live[static_cast<std::size_t>(id)] = true; });
  }
  std::vector<ValueId> renumber(values_.size(), -1);
  Program p;
  p.layer = std::move(layer);
  p.kind = kind;
  p.extents = extents_;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (!live[i]) continue;
    renumber[i] = static_cast<ValueId>(p.values.size());
    Value v = values_[i];
    auto fix = [&](ValueId& id) { id = renumber[static_cast<std::size_t>(id)]; };
    std::visit(
        [&](auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, Contract>) {
            for (Operand& operand : o.operands) fix(operand.value);
          } else if constexpr (std::is_same_v<T, Map>) {
            fix(o.arg);
          } else if constexpr (std::is_same_v<T, Add>) {
            for (ValueId& t : o.terms) fix(t);
          }
        },
        v.op);
    p.values.push_back(std::move(v));
  }
  for (ValueId id : inputs_) p.inputs.push_back(renumber[static_cast<std::size_t>(id)]);
  for (const Result& r : outputs_) {
    p.outputs.push_back(Result{r.name, renumber[static_cast<std::size_t>(r.value)]});
  }
  verify(p);
  return p;
}

}  // namespace ricci::ir

// The Builder's folding factories: contract, map and add reduce trivial cases before interning.
#include <fmt/format.h>

#include <algorithm>
#include <deque>

#include "ir/builder.h"
#include "ir/detail.h"
#include "ir/fn_eval.h"
#include "support/internal_error.h"

namespace ricci::ir {
namespace {

bool all_distinct(const std::vector<Label>& labels) {
  for (std::size_t a = 0; a < labels.size(); ++a) {
    if (std::find(labels.begin() + static_cast<std::ptrdiff_t>(a) + 1, labels.end(), labels[a]) !=
        labels.end()) {
      return false;
    }
  }
  return true;
}

// A single-operand Contract that only permutes (and scales) its operand: no summed, no
// broadcast, no repeated labels. Reading it is reading the operand with permuted labels.
bool is_relabelling(const Contract& c) {
  return c.operands.size() == 1 && c.out.size() == c.labels.size() &&
         c.operands[0].labels.size() == c.labels.size() && all_distinct(c.out) &&
         all_distinct(c.operands[0].labels);
}

}  // namespace

ValueId Builder::contract(double coeff, std::vector<Operand> operands, std::vector<Label> out,
                          std::vector<LabelInfo> labels, std::string name) {
  Contract c{coeff, std::move(operands), std::move(out), std::move(labels)};
  Shape shape = detail::checked_shape(c, values_, extents_.size());

  // Constants fold into the coefficient (their labels stay, so a summed one still scales by
  // its extent); relabellings are read through. Both may expose further foldable operands.
  std::deque<Operand> pending(c.operands.begin(), c.operands.end());
  c.operands.clear();
  while (!pending.empty() && c.coeff != 0) {
    Operand operand = std::move(pending.front());
    pending.pop_front();
    const auto* inner = std::get_if<Contract>(&at(operand.value).op);
    if (inner != nullptr && detail::is_broadcast_constant(*inner)) {
      c.coeff *= inner->coeff;
    } else if (inner != nullptr && is_relabelling(*inner)) {
      std::vector<Label> outer_of(inner->labels.size());
      for (std::size_t axis = 0; axis < inner->out.size(); ++axis) {
        outer_of[static_cast<std::size_t>(inner->out[axis])] = operand.labels[axis];
      }
      Operand through{inner->operands[0].value, {}};
      for (Label l : inner->operands[0].labels) {
        through.labels.push_back(outer_of[static_cast<std::size_t>(l)]);
      }
      c.coeff *= inner->coeff;
      pending.push_front(std::move(through));
    } else {
      c.operands.push_back(std::move(operand));
    }
  }
  if (c.coeff == 0) return constant(0, std::move(shape));
  if (c.coeff == 1 && c.operands.size() == 1 && c.operands[0].labels == c.out &&
      c.labels.size() == c.out.size() && all_distinct(c.out)) {
    return c.operands[0].value;
  }
  return push(std::move(c), std::move(shape), std::move(name));
}

ValueId Builder::map(Fn fn, ValueId arg, int exponent, std::string name) {
  Map m{fn, arg, exponent};
  Shape shape = detail::checked_shape(m, values_, extents_.size());
  if (fn == Fn::powi && exponent == 1) return arg;
  if (fn == Fn::powi && exponent == 0) return constant(1, std::move(shape));
  if (std::optional<double> c = constant_value(arg)) {
    return constant(apply_fn(fn, exponent, *c), std::move(shape));
  }
  return push(m, std::move(shape), std::move(name));
}

ValueId Builder::add(std::vector<ValueId> terms, std::string name) {
  Shape shape = detail::checked_shape(Add{terms}, values_, extents_.size());

  // Flatten nested sums, gather constants into one, count repeated terms.
  std::vector<ValueId> distinct;
  std::vector<int> count;
  double constant_sum = 0;
  std::optional<std::size_t> constant_slot;
  auto take = [&](ValueId t) {
    if (std::optional<double> c = constant_value(t)) {
      constant_sum += *c;
      if (!constant_slot) {
        constant_slot = distinct.size();
        distinct.push_back(t);
        count.push_back(1);
      }
      return;
    }
    auto it = std::find(distinct.begin(), distinct.end(), t);
    if (it != distinct.end()) {
      ++count[static_cast<std::size_t>(it - distinct.begin())];
    } else {
      distinct.push_back(t);
      count.push_back(1);
    }
  };
  for (ValueId t : terms) {
    if (const auto* nested = std::get_if<Add>(&at(t).op)) {
      for (ValueId u : nested->terms) take(u);
    } else {
      take(t);
    }
  }

  std::vector<ValueId> merged;
  for (std::size_t k = 0; k < distinct.size(); ++k) {
    if (constant_slot == k) {
      if (constant_sum != 0) merged.push_back(constant(constant_sum, shape));
    } else if (count[k] == 1) {
      merged.push_back(distinct[k]);
    } else {
      std::vector<Label> axes(shape.size());
      std::vector<LabelInfo> labels;
      for (std::size_t axis = 0; axis < shape.size(); ++axis) {
        axes[axis] = static_cast<Label>(axis);
        labels.push_back(LabelInfo{extents_[static_cast<std::size_t>(shape[axis])].name, shape[axis]});
      }
      merged.push_back(contract(count[k], {Operand{distinct[k], axes}}, axes, std::move(labels)));
    }
  }
  if (merged.empty()) return constant(0, std::move(shape));
  if (merged.size() == 1) return merged.front();
  return push(Add{std::move(merged)}, std::move(shape), std::move(name));
}

}  // namespace ricci::ir

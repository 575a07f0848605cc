// Kronecker-delta contraction: diagonal writes read by a product are merged into it.
#include "opt/delta.h"

#include <algorithm>
#include <deque>
#include <numeric>

#include "ir/ir_api.h"

namespace ricci::opt {
namespace {

// Labels identified by a delta form classes; each class is read through its root.
class LabelClasses {
 public:
  explicit LabelClasses(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }

  ir::Label add() {
    auto l = static_cast<ir::Label>(parent_.size());
    parent_.push_back(l);
    return l;
  }
  ir::Label root(ir::Label l) {
    while (parent_[static_cast<std::size_t>(l)] != l) l = parent_[static_cast<std::size_t>(l)];
    return l;
  }
  void unite(ir::Label a, ir::Label b) {
    a = root(a), b = root(b);
    parent_[static_cast<std::size_t>(std::max(a, b))] = std::min(a, b);
  }

 private:
  std::vector<ir::Label> parent_;
};

}  // namespace

// y[out] = c * ... * W[L],  W[M] = w * delta-written prod_k X_k[M_k]   (M repeats a label)
//   =>  y[out] = c * w * ... * prod_k X_k[M_k]  with the labels of L that M's repeated
//   label reads identified, and W's own summed labels new labels of y.
ir::Contract contract_deltas(const ir::Builder& b, ir::Contract c) {
  bool changed = false;
  LabelClasses classes(c.labels.size());
  std::vector<ir::Operand> operands;
  std::deque<ir::Operand> pending(c.operands.begin(), c.operands.end());
  while (!pending.empty()) {
    ir::Operand o = std::move(pending.front());
    pending.pop_front();
    const auto* inner = std::get_if<ir::Contract>(&b.at(o.value).op);
    if (inner == nullptr || !ir::writes_diagonal(*inner)) {
      operands.push_back(std::move(o));
      continue;
    }
    changed = true;
    c.coeff *= inner->coeff;
    std::vector<ir::Label> outer_of(inner->labels.size(), -1);
    for (std::size_t axis = 0; axis < inner->out.size(); ++axis) {
      ir::Label& mapped = outer_of[static_cast<std::size_t>(inner->out[axis])];
      if (mapped < 0)
        mapped = o.labels[axis];
      else
        classes.unite(mapped, o.labels[axis]);
    }
    for (std::size_t l = 0; l < outer_of.size(); ++l) {
      if (outer_of[l] >= 0) continue;
      outer_of[l] = classes.add();
      c.labels.push_back(inner->labels[l]);
    }
    // In place of the delta, in their order: a nested diagonal write is merged in turn.
    for (auto it = inner->operands.rbegin(); it != inner->operands.rend(); ++it) {
      ir::Operand read{it->value, {}};
      for (ir::Label l : it->labels) read.labels.push_back(outer_of[static_cast<std::size_t>(l)]);
      pending.push_front(std::move(read));
    }
  }
  if (!changed) return c;

  // Each class becomes one label (its root's); the other members disappear.
  std::vector<ir::Label> number(c.labels.size(), -1);
  std::vector<ir::LabelInfo> labels;
  for (std::size_t l = 0; l < c.labels.size(); ++l) {
    if (classes.root(static_cast<ir::Label>(l)) != static_cast<ir::Label>(l)) continue;
    number[l] = static_cast<ir::Label>(labels.size());
    labels.push_back(c.labels[l]);
  }
  auto renumber = [&](ir::Label& l) { l = number[static_cast<std::size_t>(classes.root(l))]; };
  for (ir::Operand& o : operands)
    for (ir::Label& l : o.labels) renumber(l);
  for (ir::Label& l : c.out) renumber(l);
  c.operands = std::move(operands);
  c.labels = std::move(labels);
  return c;
}

}  // namespace ricci::opt

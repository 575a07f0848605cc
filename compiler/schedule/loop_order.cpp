// A contraction's loops: the innermost one walks the most arrays along their last axis, where
// dense arrays have stride 1.
#include "schedule/loop_order.h"

#include <algorithm>

namespace ricci::schedule {
namespace {

std::size_t index_of(ir::Label l) { return static_cast<std::size_t>(l); }

// How many of the nest's arrays have `l` as their last axis (unit stride when dense).
int unit_stride_count(const ir::Contract& c, ir::Label l, bool count_output) {
  int n = count_output && !c.out.empty() && c.out.back() == l ? 1 : 0;
  for (const ir::Operand& o : c.operands) n += !o.labels.empty() && o.labels.back() == l ? 1 : 0;
  return n;
}

}  // namespace

std::vector<ir::Label> accumulating_loops(const LoopOrder& o) {
  std::vector<ir::Label> loops(o.outer.begin(), o.outer.end() - 1);
  loops.insert(loops.end(), o.summed.begin(), o.summed.end());
  loops.push_back(o.outer.back());
  return loops;
}

LoopOrder loop_order(const ir::Contract& c) {
  LoopOrder o;
  std::vector<bool> is_out(c.labels.size(), false);
  for (ir::Label l : c.out) {
    if (is_out[index_of(l)]) o.diagonal = true;
    if (!is_out[index_of(l)]) o.outer.push_back(l);
    is_out[index_of(l)] = true;
  }
  for (std::size_t l = 0; l < c.labels.size(); ++l) {
    if (!is_out[l]) o.summed.push_back(static_cast<ir::Label>(l));
  }
  if (o.summed.empty()) return o;
  // The summed label that is the last axis of the most operands goes innermost; on a tie
  // the label order stands.
  auto best = std::max_element(o.summed.begin(), o.summed.end(), [&](ir::Label a, ir::Label b) {
    return unit_stride_count(c, a, false) < unit_stride_count(c, b, false);
  });
  int summed_score = unit_stride_count(c, *best, false);
  if (summed_score > unit_stride_count(c, o.summed.back(), false)) std::rotate(best, best + 1, o.summed.end());
  o.accumulate = !o.diagonal && !o.outer.empty() && unit_stride_count(c, o.outer.back(), true) > summed_score;
  return o;
}

}  // namespace ricci::schedule

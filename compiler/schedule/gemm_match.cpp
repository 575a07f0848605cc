// Recognising a pairwise contraction as a batched matrix product by grouping its labels.
#include <algorithm>

#include "schedule/schedule.h"

namespace ricci::schedule {
namespace {

using Labels = std::vector<ir::Label>;

bool holds(const Labels& tensor, ir::Label l) { return std::find(tensor.begin(), tensor.end(), l) != tensor.end(); }

// The labels of `order` that satisfy `keep`, in that order.
template <class Keep>
Labels select(const Labels& order, Keep keep) {
  Labels out;
  for (ir::Label l : order)
    if (keep(l)) out.push_back(l);
  return out;
}

// The position of the group's first label in `tensor`; an empty group comes first.
std::ptrdiff_t start(const Labels& tensor, const Labels& group) {
  if (group.empty()) return -1;
  return std::find(tensor.begin(), tensor.end(), group.front()) - tensor.begin();
}

}  // namespace

bool consecutive(const std::vector<ir::Label>& tensor, const std::vector<ir::Label>& group) {
  if (group.empty()) return true;
  auto first = std::find(tensor.begin(), tensor.end(), group.front());
  if (static_cast<std::size_t>(tensor.end() - first) < group.size()) return false;
  return std::equal(group.begin(), group.end(), first);
}

std::optional<Gemm> match_gemm(const ir::Contract& c) {
  if (c.operands.size() != 2) return std::nullopt;
  const Labels& x = c.operands[0].labels;
  const Labels& y = c.operands[1].labels;
  const Labels& out = c.out;
  for (const Labels* tensor : {&x, &y, &out}) {
    for (ir::Label l : *tensor)
      if (std::count(tensor->begin(), tensor->end(), l) > 1) return std::nullopt;  // a diagonal
  }
  // Every label must be one of batch, free in x, free in y, or summed over both; the other
  // patterns (broadcast, summed within one operand, unread) are no matrix product.
  for (std::size_t l = 0; l < c.labels.size(); ++l) {
    auto label = static_cast<ir::Label>(l);
    bool in_x = holds(x, label), in_y = holds(y, label), in_out = holds(out, label);
    if (!(in_x && in_y) && !(in_out && (in_x || in_y))) return std::nullopt;
  }
  Labels free_x = select(out, [&](ir::Label l) { return holds(x, l) && !holds(y, l); });
  Labels free_y = select(out, [&](ir::Label l) { return holds(y, l) && !holds(x, l); });
  std::size_t a_operand = start(out, free_y) < start(out, free_x) ? 1 : 0;
  const Labels& a = a_operand == 0 ? x : y;
  const Labels& b = a_operand == 0 ? y : x;

  Gemm g;
  g.a = c.operands[a_operand].value;
  g.b = c.operands[1 - a_operand].value;
  g.a_operand = a_operand;
  g.coeff = c.coeff;
  g.batch = select(out, [&](ir::Label l) { return holds(a, l) && holds(b, l); });
  g.m = a_operand == 0 ? free_x : free_y;
  g.n = a_operand == 0 ? free_y : free_x;
  g.k = select(a, [&](ir::Label l) { return holds(b, l) && !holds(out, l); });
  // Nothing summed: an elementwise, broadcast or outer product, which a loop nest writes at
  // memory speed; as a GEMM it would be a batch of rank-1 updates.
  if (g.k.empty()) return std::nullopt;
  if (g.batch.size() > kMaxGemmBatch) return std::nullopt;
  if (!consecutive(a, g.m) || !consecutive(out, g.m) || !consecutive(b, g.n) || !consecutive(out, g.n) ||
      !consecutive(a, g.k) || !consecutive(b, g.k))
    return std::nullopt;
  return g;
}

}  // namespace ricci::schedule

// The sizes and strides of a Gemm's groups in dense row-major tensors, as products of extents.
#include <algorithm>

#include "schedule/schedule.h"
#include "support/internal_error.h"

namespace ricci::schedule {
namespace {

using Labels = std::vector<ir::Label>;

Extents extents_of(const ir::Contract& c, Labels::const_iterator first, Labels::const_iterator last) {
  Extents e;
  for (auto it = first; it != last; ++it) e.push_back(c.labels.at(static_cast<std::size_t>(*it)).extent);
  return e;
}

Extents size_of(const ir::Contract& c, const Labels& labels) { return extents_of(c, labels.begin(), labels.end()); }

// The stride of `group` in the row-major `tensor`: that of its last label's axis, the product
// of the extents after it; an empty group strides over the whole tensor.
Extents stride(const ir::Contract& c, const Labels& tensor, const Labels& group) {
  if (group.empty()) return size_of(c, tensor);
  auto axis = std::find(tensor.begin(), tensor.end(), group.back());
  RICCI_CHECK(axis != tensor.end(), "a Gemm group label is not in its tensor");
  return extents_of(c, axis + 1, tensor.end());
}

}  // namespace

GemmStrides gemm_strides(const ir::Contract& c, const Gemm& g) {
  RICCI_CHECK(c.operands.size() == 2 && g.a_operand < 2, "a Gemm has two operands");
  const Labels& a = c.operands[g.a_operand].labels;
  const Labels& b = c.operands[1 - g.a_operand].labels;
  GemmStrides s;
  s.m = size_of(c, g.m);
  s.n = size_of(c, g.n);
  s.k = size_of(c, g.k);
  s.a_m = stride(c, a, g.m);
  s.a_k = stride(c, a, g.k);
  s.b_k = stride(c, b, g.k);
  s.b_n = stride(c, b, g.n);
  s.c_m = stride(c, c.out, g.m);
  s.c_n = stride(c, c.out, g.n);
  for (ir::Label l : g.batch) {
    s.batch.push_back({size_of(c, {l}), stride(c, a, {l}), stride(c, b, {l}), stride(c, c.out, {l})});
  }
  return s;
}

}  // namespace ricci::schedule

// Shared loop nests: consecutive kernels over the same loops run as one pass, which reads what
// they share once (docs/schedule.md, "Shared loop nests").
#include <algorithm>
#include <optional>
#include <set>

#include "ir/ir_api.h"
#include "schedule/detail.h"
#include "schedule/loop_order.h"

namespace ricci::schedule::detail {
namespace {

std::size_t index_of(ir::Label l) { return static_cast<std::size_t>(l); }

// The loops of `k` when it can run in a shared nest. A matrix-vector product may (it is
// memory-bound: one pass over the matrix for several kernels beats a library call each); a
// matrix product may not, nor a diagonal write, a scalar sum, or a library call (sqrt, sin,
// cos), which would keep the whole nest from vectorizing.
std::optional<NestLoops> nest_loops(const ir::Program& p, const Kernel& k) {
  if (k.gemm && is_matrix_product(*k.gemm) && !k.gemm->m.empty() && !k.gemm->n.empty()) return std::nullopt;
  if (ir::is_library_call(p.at(k.value)) ||
      std::any_of(k.epilogue.begin(), k.epilogue.end(), [&](ir::ValueId e) { return ir::is_library_call(p.at(e)); })) {
    return std::nullopt;
  }
  const ir::Value& v = p.at(k.value);
  NestLoops n;
  const auto* c = std::get_if<ir::Contract>(&v.op);
  if (c == nullptr) {
    if (v.shape.empty()) return std::nullopt;
    n.extents = v.shape;
    for (std::size_t axis = 0; axis < v.shape.size(); ++axis) n.labels.push_back(axis);
    return n;
  }
  LoopOrder order = loop_order(*c);
  if (order.diagonal || order.outer.empty()) return std::nullopt;
  std::vector<ir::Label> loops = order.outer;
  if (order.accumulate) {
    loops = accumulating_loops(order);
    n.kind = NestLoops::Kind::accumulate;
  } else if (!order.summed.empty()) {
    loops.insert(loops.end(), order.summed.begin(), order.summed.end());
    n.kind = NestLoops::Kind::reduce;
    n.summed_from = order.outer.size();
  }
  for (ir::Label l : loops) {
    n.extents.push_back(c->labels[index_of(l)].extent);
    n.labels.push_back(index_of(l));
  }
  return n;
}

// The stored values `k` reads inside its nest: all it reads, but for the epilogue of a kernel
// that accumulates, which runs after the nest.
std::vector<ir::ValueId> reads_inside(const ir::Program& p, const Kernel& k, const NestLoops& n,
                                      const std::vector<bool>& inlined) {
  if (n.kind != NestLoops::Kind::accumulate) return kernel_reads(p, k, inlined);
  Kernel value_only;
  value_only.value = k.value;
  return kernel_reads(p, value_only, inlined);
}

bool reads_any(const std::vector<ir::ValueId>& reads, const std::set<ir::ValueId>& values) {
  return std::any_of(reads.begin(), reads.end(), [&](ir::ValueId v) { return values.count(v) > 0; });
}

// True when the kernel adds into its result across the outermost loop, whose label its result
// lacks: threads over that loop would add into the same elements.
bool accumulates_across_outer(const ir::Program& p, const Kernel& k, const NestLoops& n) {
  if (n.kind != NestLoops::Kind::accumulate) return false;
  const auto& c = std::get<ir::Contract>(p.at(k.value).op);
  auto outer = static_cast<ir::Label>(n.labels.front());
  return std::find(c.out.begin(), c.out.end(), outer) == c.out.end();
}

// How the nest threads: over its outermost loop, whole when every kernel writes elements of
// its own at each of its values, else in chunks, each adding into partial sums of its own.
// (Threads over blocks of the innermost loop would need no partial sums, but each then streams
// through part of every row, and the hardware prefetchers start over at every 4 KiB page: the
// bilinear form's saved pullback, d_y[j] += d_Ay[i] * A[i,j] and d_A, 2048 x 2048 f32, two
// threads, took 1.12 ms that way.)
void choose_threads(const ir::Program& p, const std::vector<Kernel>& kernels, SharedNest& nest) {
  nest.partials.assign(nest.loops.size(), -1);
  for (std::size_t m = 0; m < nest.loops.size(); ++m) {
    // 0 marks a partial-sums slot that place_values assigns.
    if (accumulates_across_outer(p, kernels[nest.first + m], nest.loops[m])) nest.partials[m] = 0;
  }
  bool chunks = std::any_of(nest.partials.begin(), nest.partials.end(), [](int slot) { return slot >= 0; });
  nest.threads = chunks ? SharedNest::Threads::row_chunks : SharedNest::Threads::outer;
}

}  // namespace

void plan_nests(Schedule& s, const std::vector<bool>& inlined) {
  const ir::Program& p = *s.program;
  std::vector<Kernel>& kernels = s.kernels;
  for (std::size_t first = 0; first < kernels.size();) {
    // A nest of one loop threaded by parallel_for is a lambda called per element: no loop of
    // its own to vectorize. (A kernel that sums has two loops or more.)
    std::optional<NestLoops> head = nest_loops(p, kernels[first]);
    if (!head || head->extents.size() < 2) {
      ++first;
      continue;
    }
    SharedNest nest;
    nest.first = first;
    nest.loops = {*head};
    std::set<ir::ValueId> results{kernels[first].result()};
    // The tensors the nest reads over all its loops (a matrix, not the vectors it multiplies);
    // a kernel found past others joins only when it reads one of them, for moving kernels out
    // of its way to pay.
    std::set<ir::ValueId> nest_reads;
    auto note_reads = [&](const std::vector<ir::ValueId>& reads) {
      for (ir::ValueId v : reads) {
        if (p.at(v).shape.size() == head->extents.size()) nest_reads.insert(v);
      }
    };
    note_reads(reads_inside(p, kernels[first], *head, inlined));
    auto joining = [&](std::size_t k, bool sharing) -> std::optional<NestLoops> {
      std::optional<NestLoops> n = nest_loops(p, kernels[k]);
      if (!n || n->extents != head->extents) return std::nullopt;
      std::vector<ir::ValueId> reads = reads_inside(p, kernels[k], *n, inlined);
      if (reads_any(reads, results)) return std::nullopt;
      if (sharing && !reads_any(reads, nest_reads)) return std::nullopt;
      return n;
    };
    std::size_t end = first + 1;
    while (end < kernels.size()) {
      if (std::optional<NestLoops> n = joining(end, false)) {
        nest.loops.push_back(*n);
        results.insert(kernels[end].result());
        note_reads(reads_inside(p, kernels[end], *n, inlined));
        ++end;
        continue;
      }
      // The kernels between the nest and the next one that joins move out of its way: before
      // the nest those that read none of its results, after it those that do (and those that
      // read what moves after), as long as the joining kernel reads none of them.
      std::vector<std::size_t> before, after;
      std::set<ir::ValueId> moved_after;
      std::size_t next = end;
      for (; next < kernels.size(); ++next) {
        std::vector<ir::ValueId> reads = kernel_reads(p, kernels[next], inlined);
        bool needs_moved = reads_any(reads, moved_after);
        if (!needs_moved && joining(next, true)) break;
        if (needs_moved || reads_any(reads, results)) {
          after.push_back(next);
          moved_after.insert(kernels[next].result());
        } else {
          before.push_back(next);
        }
      }
      if (next == kernels.size()) break;
      std::vector<Kernel> order;
      for (std::size_t k : before) order.push_back(std::move(kernels[k]));
      for (std::size_t k = nest.first; k <= next; ++k) {
        if (k < end || k == next) order.push_back(std::move(kernels[k]));
      }
      for (std::size_t k : after) order.push_back(std::move(kernels[k]));
      std::move(order.begin(), order.end(), kernels.begin() + static_cast<std::ptrdiff_t>(nest.first));
      nest.first += before.size();
      end = next - after.size();
    }
    if (end - nest.first >= 2) {
      nest.end = end;
      choose_threads(p, kernels, nest);
      s.nests.push_back(std::move(nest));
    }
    first = end;
  }
}

}  // namespace ricci::schedule::detail

// The order search: in which pairs, and in which order, the factors of a product are
// multiplied. Pure: it sees label sets and sizes, never IR values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "opt/cost.h"

namespace ricci::opt {

using LabelSet = std::vector<int>;  // distinct labels, ascending

// One product to plan: its factors (leaves) by the labels they read, the labels its result
// keeps, and the size of each label. After trace hoisting every label of a leaf is read by
// another leaf or kept by the result.
struct Product {
  std::vector<LabelSet> leaves;
  LabelSet out;
  std::vector<Size> sizes;  // by label
  // Leaves of one kind are the same tensor read the same way (`x[i] * x[i]`); the greedy
  // search multiplies them out by repeated squaring. Empty: every leaf is its own kind.
  std::vector<int> kinds;
};

// Nodes 0..leaves-1 are the leaves; step k defines node leaves+k. A step multiplies nodes
// `left` and `right`, or (`reuse` nonzero, bit k for leaf k) stands for a value that already
// computes the product of those leaves with the labels it must keep. The last step is the
// result. An intermediate keeps exactly the labels that a factor outside it, or the result,
// still reads.
struct Step {
  int left = -1;
  int right = -1;
  uint64_t reuse = 0;
};
using Plan = std::vector<Step>;

// The criteria, compared in this order: FLOPs; elements of the intermediates and the result;
// FLOPs of the intermediates alone (what a pullback, which receives only the inputs, must
// recompute). Remaining ties go to the first plan found (docs/optimizer.md).
struct PlanCost {
  Poly flops;
  Poly elements;
  Poly recompute;

  friend std::weak_ordering operator<=>(const PlanCost& a, const PlanCost& b);
};

// Whether the product of the leaves in `subset` that keeps the labels in `kept` (bit l for
// label l) already exists as a value: it then costs nothing.
using Exists = std::function<bool(uint64_t subset, uint64_t kept)>;

// Exact search (dynamic programming over subsets) is used up to this many leaves.
constexpr std::size_t kMaxExactLeaves = 12;

// The cheapest plan by PlanCost, by dynamic programming over subsets. Needs at least two
// and at most kMaxExactLeaves leaves and fewer than 64 labels.
Plan plan_exact(const Product& product, const Exists& exists = {});

// Greedy: leaves of one kind first, by repeated squaring (k copies in O(log k) distinct
// products); then the cheapest pair next, ties by the smaller intermediate, then the earliest
// pair. Beyond kGreedyWindow nodes the search runs on consecutive windows of that many.
constexpr std::size_t kGreedyWindow = 64;
Plan plan_greedy(const Product& product);

// The FLOPs of one pairwise step over `points` label combinations: a multiplication at each,
// and an addition where the step sums a label (an outer or elementwise product adds nothing).
inline Size pairwise_step_flops(Size points, bool sums) { return points * Size{sums ? 2.0 : 1.0, 0}; }

// ((l0 * l1) * l2) * ... : the order as written.
Plan plan_left_to_right(std::size_t leaves);

// plan_exact where it applies, plan_greedy beyond.
Plan plan_product(const Product& product, const Exists& exists = {});

// The cost of `plan` for `product`; reused values cost nothing.
PlanCost plan_cost(const Product& product, const Plan& plan);

}  // namespace ricci::opt

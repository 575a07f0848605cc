// Exact order search by dynamic programming over subsets, and the cost of any plan.
#include "opt/plan.h"

#include <algorithm>
#include <bit>

#include "support/internal_error.h"

namespace ricci::opt {

std::weak_ordering operator<=>(const PlanCost& a, const PlanCost& b) {
  if (auto c = a.flops <=> b.flops; c != 0) return c;
  if (auto c = a.elements <=> b.elements; c != 0) return c;
  return a.recompute <=> b.recompute;
}

namespace {

Size mask_size(uint64_t labels, const std::vector<Size>& sizes) {
  Size s;
  for (; labels != 0; labels &= labels - 1) s = s * sizes[static_cast<std::size_t>(std::countr_zero(labels))];
  return s;
}

uint64_t label_mask(const LabelSet& labels) {
  uint64_t m = 0;
  for (int l : labels) m |= uint64_t{1} << l;
  return m;
}

struct Choice {
  PlanCost cost;
  uint64_t left = 0;  // 0 for a leaf
  bool reused = false;
};

int emit(uint64_t set, const std::vector<Choice>& best, Plan& plan, std::size_t leaves) {
  if (std::has_single_bit(set)) return std::countr_zero(set);
  const Choice& c = best[set];
  if (c.reused) {
    plan.push_back(Step{-1, -1, set});
  } else {
    int left = emit(c.left, best, plan, leaves);
    int right = emit(set ^ c.left, best, plan, leaves);
    plan.push_back(Step{left, right, 0});
  }
  return static_cast<int>(leaves + plan.size() - 1);
}

}  // namespace

Plan plan_exact(const Product& product, const Exists& exists) {
  const std::size_t m = product.leaves.size();
  RICCI_CHECK(m >= 2 && m <= kMaxExactLeaves, "exact order search on an unsupported number of factors");
  RICCI_CHECK(product.sizes.size() < 64, "exact order search with 64 labels or more");
  const uint64_t full = (uint64_t{1} << m) - 1;
  const uint64_t out = label_mask(product.out);

  // labels[S]: the labels the leaves of S read; kept[S]: those still read outside S or kept
  // by the result, i.e. the labels of S's intermediate.
  std::vector<uint64_t> labels(full + 1, 0), kept(full + 1, 0);
  for (uint64_t s = 1; s <= full; ++s)
    labels[s] =
        labels[s & (s - 1)] | label_mask(product.leaves[static_cast<std::size_t>(std::countr_zero(s))]);
  for (uint64_t s = 1; s <= full; ++s) kept[s] = labels[s] & (out | labels[full ^ s]);
  // What a step reads of a node: a leaf as it is (a label only it reads is summed in the
  // step), an intermediate with the labels it kept.
  auto read = [&](uint64_t s) { return std::has_single_bit(s) ? labels[s] : kept[s]; };

  std::vector<Choice> best(full + 1);
  // Subsets of S are smaller numbers than S, so ascending order visits them first.
  for (uint64_t s = 1; s <= full; ++s) {
    if (std::has_single_bit(s)) continue;
    Choice& c = best[s];
    if (exists && exists(s, kept[s])) {
      c.reused = true;
      continue;
    }
    const Poly elements = mask_size(kept[s], product.sizes);
    const uint64_t low = s & (~s + 1), rest = s ^ low;
    bool found = false;
    // Splits {A, S\A} with A holding S's lowest leaf, A ascending; strict comparison keeps
    // the first of equal plans.
    for (uint64_t sub = 0;; sub = (sub - rest) & rest) {
      uint64_t a = low | sub;
      if (a != s) {
        const Choice &l = best[a], &r = best[s ^ a];
        Poly below = l.cost.flops + r.cost.flops;
        const uint64_t step_labels = read(a) | read(s ^ a);
        Size step = pairwise_step_flops(mask_size(step_labels, product.sizes), step_labels != kept[s]);
        PlanCost cost{below + step, l.cost.elements + r.cost.elements + elements, below};
        if (!found || cost < c.cost) {
          c.cost = std::move(cost);
          c.left = a;
          found = true;
        }
      }
      if (sub == rest) break;
    }
  }
  Plan plan;
  emit(full, best, plan, m);
  return plan;
}

Plan plan_product(const Product& product, const Exists& exists) {
  if (product.leaves.size() <= kMaxExactLeaves && product.sizes.size() < 64)
    return plan_exact(product, exists);
  return plan_greedy(product);
}

PlanCost plan_cost(const Product& product, const Plan& plan) {
  const std::size_t m = product.leaves.size();
  std::vector<int> count(product.sizes.size(), 0);
  std::vector<bool> out(product.sizes.size(), false);
  for (int l : product.out) out[static_cast<std::size_t>(l)] = true;
  std::vector<LabelSet> nodes = product.leaves;
  for (const LabelSet& leaf : nodes)
    for (int l : leaf) ++count[static_cast<std::size_t>(l)];

  auto size_of = [&](const LabelSet& set) {
    Size s;
    for (int l : set) s = s * product.sizes[static_cast<std::size_t>(l)];
    return s;
  };
  // Removes `parts` from the count, then keeps what is still read elsewhere or by the result.
  auto combine = [&](const std::vector<const LabelSet*>& parts) {
    LabelSet all;
    for (const LabelSet* p : parts) all.insert(all.end(), p->begin(), p->end());
    std::sort(all.begin(), all.end());
    for (int l : all) --count[static_cast<std::size_t>(l)];
    all.erase(std::unique(all.begin(), all.end()), all.end());
    LabelSet kept;
    for (int l : all)
      if (count[static_cast<std::size_t>(l)] > 0 || out[static_cast<std::size_t>(l)]) kept.push_back(l);
    for (int l : kept) ++count[static_cast<std::size_t>(l)];
    return std::pair{all, kept};
  };

  PlanCost cost;
  for (std::size_t k = 0; k < plan.size(); ++k) {
    const Step& step = plan[k];
    if (step.reuse != 0) {
      std::vector<const LabelSet*> parts;
      for (std::size_t leaf = 0; leaf < m; ++leaf)
        if ((step.reuse >> leaf) & 1) parts.push_back(&nodes[leaf]);
      nodes.push_back(combine(parts).second);
      continue;
    }
    auto [all, kept] = combine(
        {&nodes.at(static_cast<std::size_t>(step.left)), &nodes.at(static_cast<std::size_t>(step.right))});
    Poly step_flops = pairwise_step_flops(size_of(all), all != kept);
    if (k + 1 == plan.size()) cost.recompute = cost.flops;
    cost.flops += step_flops;
    cost.elements += size_of(kept);
    nodes.push_back(std::move(kept));
  }
  return cost;
}

}  // namespace ricci::opt

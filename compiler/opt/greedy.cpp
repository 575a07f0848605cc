// Greedy order search for products too large for the exact one, and the order as written.
#include <algorithm>
#include <map>
#include <tuple>

#include "opt/plan.h"
#include "support/internal_error.h"

namespace ricci::opt {
namespace {

struct Node {
  LabelSet labels;
  int kind = 0;
};

class Greedy {
 public:
  explicit Greedy(const Product& p) : p_(p), count_(p.sizes.size(), 0), out_(p.sizes.size(), false) {
    for (int l : p.out) out_[static_cast<std::size_t>(l)] = true;
    for (std::size_t k = 0; k < p.leaves.size(); ++k) {
      int kind = p.kinds.empty() ? static_cast<int>(k) : p.kinds[k];
      next_kind_ = std::max(next_kind_, kind + 1);
      nodes_.push_back(Node{p.leaves[k], kind});
      alive_.push_back(static_cast<int>(k));
      for (int l : p.leaves[k]) ++count_[static_cast<std::size_t>(l)];
    }
  }

  Plan run() {
    square_repeated();
    while (alive_.size() > 1) {
      std::vector<int> merged;
      for (std::size_t at = 0; at < alive_.size(); at += kGreedyWindow) {
        std::size_t end = std::min(alive_.size(), at + kGreedyWindow);
        merged.push_back(cheapest_first(std::vector<int>(alive_.begin() + static_cast<std::ptrdiff_t>(at),
                                                         alive_.begin() + static_cast<std::ptrdiff_t>(end))));
      }
      alive_ = std::move(merged);
    }
    return std::move(plan_);
  }

 private:
  // Leaves of one kind are multiplied pairwise, round after round, so that k copies give
  // O(log k) distinct products (the builder makes equal products one value).
  void square_repeated() {
    for (bool merged = true; merged && alive_.size() > 1;) {
      merged = false;
      std::map<int, int> pending;  // kind -> a node waiting for its twin
      std::vector<int> made;
      for (int n : alive_) {
        auto [it, fresh] = pending.try_emplace(nodes_[static_cast<std::size_t>(n)].kind, n);
        if (fresh) continue;
        made.push_back(merge(it->second, n));
        pending.erase(it);
        merged = true;
      }
      std::vector<int> next;
      for (int n : alive_)
        if (auto it = pending.find(nodes_[static_cast<std::size_t>(n)].kind);
            it != pending.end() && it->second == n)
          next.push_back(n);
      next.insert(next.end(), made.begin(), made.end());
      alive_ = std::move(next);
    }
  }

  LabelSet joined(const Node& a, const Node& b) const {
    LabelSet all;
    std::set_union(a.labels.begin(), a.labels.end(), b.labels.begin(), b.labels.end(),
                   std::back_inserter(all));
    return all;
  }

  // The labels a product of `a` and `b` keeps: those another node or the result reads.
  LabelSet kept(const Node& a, const Node& b, const LabelSet& all) const {
    LabelSet keep;
    for (int l : all) {
      auto u = static_cast<std::size_t>(l);
      int elsewhere = count_[u] - (std::binary_search(a.labels.begin(), a.labels.end(), l) ? 1 : 0) -
                      (std::binary_search(b.labels.begin(), b.labels.end(), l) ? 1 : 0);
      if (elsewhere > 0 || out_[u]) keep.push_back(l);
    }
    return keep;
  }

  Size size_of(const LabelSet& set) const {
    Size s;
    for (int l : set) s = s * p_.sizes[static_cast<std::size_t>(l)];
    return s;
  }

  int merge(int a, int b) {
    const Node &na = nodes_[static_cast<std::size_t>(a)], &nb = nodes_[static_cast<std::size_t>(b)];
    LabelSet all = joined(na, nb);
    LabelSet keep = kept(na, nb, all);
    for (int l : na.labels) --count_[static_cast<std::size_t>(l)];
    for (int l : nb.labels) --count_[static_cast<std::size_t>(l)];
    for (int l : keep) ++count_[static_cast<std::size_t>(l)];
    auto key = std::make_tuple(std::min(na.kind, nb.kind), std::max(na.kind, nb.kind), keep);
    auto [it, fresh] = kinds_.try_emplace(key, next_kind_);
    if (fresh) ++next_kind_;
    plan_.push_back(Step{a, b, 0});
    nodes_.push_back(Node{std::move(keep), it->second});
    return static_cast<int>(nodes_.size() - 1);
  }

  static bool cheaper(Size a, Size b) {
    return a.degree != b.degree ? a.degree < b.degree : a.coeff < b.coeff;
  }

  // An outer product of two tensors (no common label, neither a scalar): its result is
  // larger than both factors, so it is taken only when no other pair is left.
  static bool is_outer(const Node& a, const Node& b) {
    if (a.labels.empty() || b.labels.empty()) return false;
    LabelSet common;
    std::set_intersection(a.labels.begin(), a.labels.end(), b.labels.begin(), b.labels.end(),
                          std::back_inserter(common));
    return common.empty();
  }

  // Multiplies `group` down to one node, the cheapest pair first (outer products last; ties:
  // the smaller intermediate, then the earliest pair), the product taking the place of its
  // first factor.
  int cheapest_first(std::vector<int> group) {
    while (group.size() > 1) {
      std::size_t best_i = 0, best_j = 1;
      Size best_cost, best_size;
      bool found = false, best_outer = true;
      for (std::size_t i = 0; i < group.size(); ++i) {
        for (std::size_t j = i + 1; j < group.size(); ++j) {
          const Node &a = nodes_[static_cast<std::size_t>(group[i])],
                     &b = nodes_[static_cast<std::size_t>(group[j])];
          bool outer = is_outer(a, b);
          if (found && outer && !best_outer) continue;
          LabelSet all = joined(a, b);
          LabelSet keep = kept(a, b, all);
          Size cost = pairwise_step_flops(size_of(all), keep != all);
          Size size = size_of(keep);
          bool better = !found || (best_outer && !outer) || cheaper(cost, best_cost) ||
                        (!cheaper(best_cost, cost) && cheaper(size, best_size));
          if (better) {
            best_i = i, best_j = j, best_cost = cost, best_size = size, best_outer = outer, found = true;
          }
        }
      }
      group[best_i] = merge(group[best_i], group[best_j]);
      group.erase(group.begin() + static_cast<std::ptrdiff_t>(best_j));
    }
    return group.front();
  }

  const Product& p_;
  std::vector<int> count_;  // alive nodes reading each label
  std::vector<bool> out_;
  std::vector<Node> nodes_;
  std::vector<int> alive_;
  std::map<std::tuple<int, int, LabelSet>, int> kinds_;
  int next_kind_ = 0;
  Plan plan_;
};

}  // namespace

Plan plan_greedy(const Product& product) {
  RICCI_CHECK(product.leaves.size() >= 2, "order search on fewer than two factors");
  RICCI_CHECK(product.kinds.empty() || product.kinds.size() == product.leaves.size(),
              "one kind per factor expected");
  return Greedy(product).run();
}

Plan plan_left_to_right(std::size_t leaves) {
  RICCI_CHECK(leaves >= 2, "order of fewer than two factors");
  Plan plan{Step{0, 1, 0}};
  for (std::size_t k = 2; k < leaves; ++k)
    plan.push_back(Step{static_cast<int>(leaves + plan.size() - 1), static_cast<int>(k), 0});
  return plan;
}

}  // namespace ricci::opt

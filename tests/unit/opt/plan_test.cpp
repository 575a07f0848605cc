// The order search: exact search against brute force, greedy on huge products, costs.
#include "opt/plan.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

namespace ricci::opt {
namespace {

// Every order of pairwise merges (not only those the subset search considers), cheapest by
// PlanCost.
void brute_force(const Product& p, std::vector<int> alive, int next, Plan& plan, PlanCost& best,
                 bool& found) {
  if (alive.size() == 1) {
    PlanCost c = plan_cost(p, plan);
    if (!found || c < best) best = c, found = true;
    return;
  }
  for (std::size_t i = 0; i < alive.size(); ++i) {
    for (std::size_t j = i + 1; j < alive.size(); ++j) {
      std::vector<int> rest;
      for (std::size_t k = 0; k < alive.size(); ++k)
        if (k != i && k != j) rest.push_back(alive[k]);
      rest.push_back(next);
      plan.push_back(Step{alive[i], alive[j], 0});
      brute_force(p, rest, next + 1, plan, best, found);
      plan.pop_back();
    }
  }
}

Product random_product(std::mt19937_64& rng, bool symbolic) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Product p;
  int labels = pick(2, 7), leaves = pick(2, 6);
  for (int l = 0; l < labels; ++l) {
    bool hinted = !symbolic || pick(0, 1) == 0;
    p.sizes.push_back(hinted ? Size{static_cast<double>(pick(2, 40)), 0} : Size{1, 1});
  }
  std::vector<bool> used(static_cast<std::size_t>(labels));
  for (int k = 0; k < leaves; ++k) {
    LabelSet set;
    for (int n = pick(0, 3); n > 0; --n) set.push_back(pick(0, labels - 1));
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    for (int l : set) used[static_cast<std::size_t>(l)] = true;
    p.leaves.push_back(set);
  }
  for (int l = 0; l < labels; ++l)
    if (used[static_cast<std::size_t>(l)] && pick(0, 2) == 0) p.out.push_back(l);
  return p;
}

TEST_CASE("exact search finds the cheapest of all merge orders") {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    Product p = random_product(rng, trial % 2 == 1);
    Plan plan = plan_exact(p);
    REQUIRE(plan.size() == p.leaves.size() - 1);
    std::vector<int> alive;
    for (std::size_t k = 0; k < p.leaves.size(); ++k) alive.push_back(static_cast<int>(k));
    Plan scratch;
    PlanCost best;
    bool found = false;
    brute_force(p, alive, static_cast<int>(p.leaves.size()), scratch, best, found);
    INFO("trial " << trial);
    CHECK((plan_cost(p, plan) <=> best) == 0);
  }
}

TEST_CASE("exact search: a chain of matrices is multiplied along its cheap dimension") {
  // A[a,b] B[b,c] C[c,d] with a=10, b=1000, c=10, d=1000: (A*B)*C costs 2*(10*1000*10 +
  // 10*10*1000) = 400000; A*(B*C) costs 2*(1000*10*1000 + 10*1000*1000) = 40000000.
  Product p;
  p.leaves = {{0, 1}, {1, 2}, {2, 3}};
  p.out = {0, 3};
  p.sizes = {{10, 0}, {1000, 0}, {10, 0}, {1000, 0}};
  Plan plan = plan_exact(p);
  REQUIRE(plan.size() == 2);
  CHECK(plan[0].left == 0);
  CHECK(plan[0].right == 1);
  CHECK(plan_cost(p, plan).flops.at(0) == 400000);
}

TEST_CASE("exact search: ties in FLOPs and size go to the cheaper intermediates") {
  // B[i,j] C[j,k] s[]: (B*C)*s and B*(C*s) both cost 2n^3 + n^2 (scaling by s sums nothing:
  // one multiplication per element); the second leaves only C*s (n^2) for a pullback to
  // recompute, the first B*C (2n^3).
  Product p;
  p.leaves = {{0, 1}, {1, 2}, {}};
  p.out = {0, 2};
  p.sizes = {{1, 1}, {1, 1}, {1, 1}};
  PlanCost c = plan_cost(p, plan_exact(p));
  CHECK(c.flops == Poly(Size{2, 3}) + Poly(Size{1, 2}));
  CHECK(c.recompute == Poly(Size{1, 2}));
}

TEST_CASE("exact search reuses an existing product at no cost") {
  // x[i] y[i] z[i] -> [], with y*z already computed: only the final step is paid for.
  Product p;
  p.leaves = {{0}, {0}, {0}};
  p.sizes = {{100, 0}};
  Plan plan = plan_exact(p, [](uint64_t subset, uint64_t) { return subset == 0b110; });
  REQUIRE(plan.size() == 2);
  CHECK(plan[0].reuse == 0b110);
  CHECK(plan_cost(p, plan).flops.at(0) == 200);
}

TEST_CASE("greedy: 100,000 copies of one factor") {
  Product p;
  p.leaves.assign(100000, LabelSet{0});
  p.kinds.assign(100000, 0);
  p.sizes = {{1, 1}};
  Plan plan = plan_greedy(p);
  CHECK(plan.size() == 99999);
  // 99998 elementwise products (n each), then the step that sums i (2n).
  CHECK(plan_cost(p, plan).flops == Poly(Size{99998.0 + 2, 1}));
}

TEST_CASE("greedy: distinct factors, the cheapest pair first") {
  // u[i] A[i,j] B[j,k] v[k] with every size 10 except k = 1000, in 20 copies of the chain
  // pattern, checked against the exact search where that applies.
  Product p;
  p.leaves = {{0}, {0, 1}, {1, 2}, {2}};
  p.sizes = {{10, 0}, {10, 0}, {1000, 0}};
  PlanCost greedy = plan_cost(p, plan_greedy(p));
  PlanCost exact = plan_cost(p, plan_exact(p));
  CHECK(greedy.flops == exact.flops);
}

TEST_CASE("greedy: many distinct factors") {
  Product p;
  for (int k = 0; k < 5000; ++k) {
    p.leaves.push_back({k, k + 1});
    p.sizes.push_back({1, 1});
  }
  p.sizes.push_back({1, 1});
  p.out = {0, 5000};
  Plan plan = plan_greedy(p);
  CHECK(plan.size() == 4999);
}

TEST_CASE("left to right") {
  Plan plan = plan_left_to_right(4);
  REQUIRE(plan.size() == 3);
  CHECK((plan[0].left == 0 && plan[0].right == 1));
  CHECK((plan[1].left == 4 && plan[1].right == 2));
  CHECK((plan[2].left == 5 && plan[2].right == 3));
}

TEST_CASE("Poly orders by degree, then by coefficients from the top") {
  CHECK(Poly(Size{100, 2}) < Poly(Size{1, 3}));
  CHECK(Poly(Size{2, 3}) + Poly(Size{1, 1}) < Poly(Size{2, 3}) + Poly(Size{1, 2}));
  CHECK(Poly(Size{2, 3}) == Poly(Size{1, 3}) + Poly(Size{1, 3}));
}

}  // namespace
}  // namespace ricci::opt

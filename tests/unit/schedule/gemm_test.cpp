// GEMM recognition: which pairwise contractions are (batched) matrix products, their
// orientation, and strides that address the dense tensors.
#include "schedule_test.h"

namespace ricci::schedule {
namespace {

using Labels = std::vector<ir::Label>;

// A Contract of operand values 0, 1, ... reading `operands`; label l has extent l.
ir::Contract contract(std::vector<Labels> operands, Labels out, std::size_t labels) {
  ir::Contract c;
  c.coeff = 2;
  for (std::size_t k = 0; k < operands.size(); ++k)
    c.operands.push_back({static_cast<ir::ValueId>(k), std::move(operands[k])});
  c.out = std::move(out);
  for (std::size_t l = 0; l < labels; ++l) c.labels.push_back({fmt::format("l{}", l), static_cast<ir::ExtentId>(l)});
  return c;
}

// Matches `c`, then checks its strides against the dense layout and its value numerically.
Gemm matched(const ir::Contract& c) {
  std::optional<Gemm> g = match_gemm(c);
  REQUIRE(g.has_value());
  std::vector<int64_t> sizes = test::prime_sizes(c.labels.size());
  test::check_dense_strides(c, *g, sizes);
  CHECK(test::gemm_error(c, *g, sizes) < 1e-12);
  CHECK(g->coeff == 2);
  return *g;
}

// Labels below: i = 0, j = 1, k = 2 (summed), then batch or extra labels.
TEST_CASE("a plain matrix product C[i,j] = A[i,k] * B[k,j]") {
  Gemm g = matched(contract({{0, 2}, {2, 1}}, {0, 1}, 3));
  CHECK(g.a == 0);
  CHECK(g.b == 1);
  CHECK(g.a_operand == 0);
  CHECK(g.m == Labels{0});
  CHECK(g.n == Labels{1});
  CHECK(g.k == Labels{2});
  CHECK(g.batch.empty());
  GemmStrides s = gemm_strides(contract({{0, 2}, {2, 1}}, {0, 1}, 3), g);
  CHECK(s.a_m == Extents{2});
  CHECK(s.a_k == Extents{});
  CHECK(s.b_k == Extents{1});
  CHECK(s.b_n == Extents{});
  CHECK(s.c_m == Extents{1});
  CHECK(s.c_n == Extents{});
}

TEST_CASE("transposed A or B: the strides say so, the orientation stays") {
  ir::Contract ta = contract({{2, 0}, {2, 1}}, {0, 1}, 3);  // A[k,i] * B[k,j]
  Gemm g = matched(ta);
  CHECK(g.a_operand == 0);
  GemmStrides s = gemm_strides(ta, g);
  CHECK(s.a_m == Extents{});
  CHECK(s.a_k == Extents{0});

  ir::Contract tb = contract({{0, 2}, {1, 2}}, {0, 1}, 3);  // A[i,k] * B[j,k]
  g = matched(tb);
  CHECK(g.a_operand == 0);
  s = gemm_strides(tb, g);
  CHECK(s.b_k == Extents{});
  CHECK(s.b_n == Extents{2});
}

TEST_CASE("a transposed result swaps A and B, so that C's n stride is 1") {
  Gemm g = matched(contract({{0, 2}, {2, 1}}, {1, 0}, 3));  // C[j,i] = A[i,k] * B[k,j]
  CHECK(g.a_operand == 1);
  CHECK(g.a == 1);
  CHECK(g.m == Labels{1});
  CHECK(g.n == Labels{0});
  GemmStrides s = gemm_strides(contract({{0, 2}, {2, 1}}, {1, 0}, 3), g);
  CHECK(s.c_n == Extents{});
}

TEST_CASE("batch labels first, in the middle or last, in any position per tensor") {
  Gemm first = matched(contract({{3, 0, 2}, {3, 2, 1}}, {3, 0, 1}, 4));
  CHECK(first.batch == Labels{3});
  CHECK(first.m == Labels{0});
  Gemm middle = matched(contract({{0, 3, 2}, {2, 3, 1}}, {0, 3, 1}, 4));
  CHECK(middle.batch == Labels{3});
  Gemm last = matched(contract({{0, 2, 3}, {2, 1, 3}}, {0, 1, 3}, 4));
  CHECK(last.batch == Labels{3});
  Gemm mixed = matched(contract({{3, 0, 2, 4}, {2, 4, 1, 3}}, {0, 4, 1, 3}, 5));
  CHECK(mixed.batch == Labels{4, 3});
  CHECK(mixed.k == Labels{2});
}

TEST_CASE("groups of several labels fold into one dimension") {
  // C[i,l,j] = A[i,l,k,p] * B[k,p,j]: m = (i,l), k = (k,p)
  Gemm g = matched(contract({{0, 3, 2, 4}, {2, 4, 1}}, {0, 3, 1}, 5));
  CHECK(g.m == Labels{0, 3});
  CHECK(g.k == Labels{2, 4});
}

TEST_CASE("matrix-vector, vector-matrix and inner products") {
  // Two labels here: 0 free, 1 summed.
  Gemm mv = matched(contract({{0, 1}, {1}}, {0}, 2));  // y[i] = A[i,k] * x[k]
  CHECK(mv.a_operand == 1);                            // m is empty, so n = i
  CHECK(mv.m.empty());
  CHECK(mv.n == Labels{0});
  Gemm vm = matched(contract({{1}, {1, 0}}, {0}, 2));  // y[j] = x[k] * A[k,j]
  CHECK(vm.a_operand == 0);
  Gemm inner = matched(contract({{0, 1}, {0, 1}}, {}, 2));  // s = A[i,j] * B[i,j]
  CHECK(inner.k == Labels{0, 1});
}

TEST_CASE("one value read two ways: A and B are the same tensor") {
  ir::Contract gram = contract({{0, 2}, {1, 2}}, {0, 1}, 3);  // G[i,j] = X[i,k] * X[j,k]
  gram.operands[1].value = 0;
  Gemm g = matched(gram);
  CHECK(g.a == 0);
  CHECK(g.b == 0);
  CHECK(g.a_operand == 0);
}

TEST_CASE("not matrix products") {
  CHECK_FALSE(match_gemm(contract({{0, 0}, {0, 1}}, {1}, 2)));          // a diagonal A[i,i]
  CHECK_FALSE(match_gemm(contract({{0, 2}, {2, 1}}, {0, 0}, 3)));       // a diagonal result
  CHECK_FALSE(match_gemm(contract({{0, 2}, {2, 1}}, {0, 1, 3}, 4)));    // broadcast along l3
  CHECK_FALSE(match_gemm(contract({{0, 2}, {2, 1, 3}}, {0, 1}, 4)));    // l3 summed within B
  CHECK_FALSE(match_gemm(contract({{0, 2}, {2, 1}}, {0, 1}, 4)));       // l3 read by nothing
  CHECK_FALSE(match_gemm(contract({{0, 2, 3}, {2, 1, 3}}, {0, 1}, 4)));  // k = (2,3) split in B
  CHECK_FALSE(match_gemm(contract({{0, 2, 3}, {3, 2, 1}}, {0, 1}, 4)));  // k in two orders
  CHECK_FALSE(match_gemm(contract({{0, 3, 2}, {2, 1}}, {0, 1, 3}, 4)));  // m = (0,3) split in C
  CHECK_FALSE(match_gemm(contract({{0, 1}, {0, 1}}, {0, 1}, 2)));       // elementwise product
  CHECK_FALSE(match_gemm(contract({{0}, {1}}, {0, 1}, 2)));             // outer product u[i] v[j]
  CHECK_FALSE(match_gemm(contract({{0, 1}, {1}}, {0, 1}, 2)));          // broadcast x[b,f] g[f]
  CHECK_FALSE(match_gemm(contract({{0, 2}, {2, 1}, {1}}, {0}, 3)));     // three operands
  CHECK_FALSE(match_gemm(contract({{0, 1}}, {1, 0}, 2)));               // a transpose
}

TEST_CASE("more batch labels than the runtime loops over are no Gemm") {
  // C[batch..,i,j] = A[batch..,i,k] * B[batch..,k,j] with `n` batch labels 3, 4, ...
  auto batched = [](std::size_t n) {
    Labels batch;
    for (std::size_t l = 0; l < n; ++l) batch.push_back(static_cast<ir::Label>(3 + l));
    Labels a = batch, b = batch, out = batch;
    a.insert(a.end(), {0, 2});
    b.insert(b.end(), {2, 1});
    out.insert(out.end(), {0, 1});
    return contract({a, b}, out, 3 + n);
  };
  CHECK(match_gemm(batched(kMaxGemmBatch)));
  CHECK_FALSE(match_gemm(batched(kMaxGemmBatch + 1)));
}

TEST_CASE("through the front end: a batched product, and -O0 products of three factors") {
  ir::Program p = test::evaluate("layer bm {\n  z[i,k,b] := x[i,j,b] * y[j,k,b]\n}\n");
  Schedule s = make_schedule(p);
  REQUIRE(s.kernels.size() == 1);
  REQUIRE(s.kernels[0].gemm);
  CHECK(s.kernels[0].gemm->batch.size() == 1);
  ScheduleOptions loops;
  loops.gemm = false;
  CHECK_FALSE(make_schedule(p, loops).kernels[0].gemm);

  const char* three = "layer t {\n  A[i,k] := B[i,j] * C[j,k] * d[k]\n}\n";
  const ir::Program o0_p = test::evaluate(three, 0);
  CHECK_FALSE(make_schedule(o0_p).kernels.at(0).gemm);
  const ir::Program o1_p = test::evaluate(three, 1);
  Schedule o1 = make_schedule(o1_p);
  CHECK(std::any_of(o1.kernels.begin(), o1.kernels.end(), [](const Kernel& k) { return k.gemm.has_value(); }));
}

}  // namespace
}  // namespace ricci::schedule

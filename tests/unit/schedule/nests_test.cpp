// Shared loop nests: which kernels run in one pass, how it threads, and its partial sums.
#include "schedule_test.h"

#include "ir/ir_api.h"

namespace ricci::schedule {
namespace {

// `[d_r d_beta d_gamma d_x] row_chunks, partials: d_beta d_gamma`, a line per nest.
std::string nests(const Schedule& s) {
  std::string out;
  for (const SharedNest& nest : s.nests) {
    std::vector<std::string> names, partials;
    for (std::size_t k = nest.first; k < nest.end; ++k) {
      names.push_back(test::name_of(*s.program, s.kernels[k].result()));
      if (nest.partials[k - nest.first] >= 0) partials.push_back(names.back());
    }
    const char* threads = nest.threads == SharedNest::Threads::outer ? "outer" : "row_chunks";
    out += fmt::format("[{}] {}", fmt::join(names, " "), threads);
    if (!partials.empty()) out += fmt::format(", partials: {}", fmt::join(partials, " "));
    out += "\n";
  }
  return out;
}

const ir::Layer& scale_shift() {
  static const ir::Layer layer =
      test::parse_layer("layer ss {\n  y[b,f] := relu(x[b,f] * gamma[f] + beta[f]) * r[b]\n}\n");
  return layer;
}

const ir::Layer& bilinear_form() {
  static const ir::Layer layer = test::parse_layer("layer bf {\n  s := x[i] * A[i,j] * y[j]\n}\n");
  return layer;
}

TEST_CASE("a sum along the rows and sums down the columns share one pass, in chunks of rows") {
  const ir::Program p = test::derive(scale_shift(), ir::ProgramKind::pullback);
  Schedule s = make_schedule(p);
  CHECK(nests(s) == "[d_r d_beta d_gamma d_x] row_chunks, partials: d_beta d_gamma\n");
  // Two slots, each kNestChunks copies of a column vector; the workspace holds nothing else.
  REQUIRE(s.slots.size() == 2);
  for (const Slot& slot : s.slots) {
    CHECK(slot.copies == kNestChunks);
    CHECK(slot.counts == std::vector<Extents>{p.at(slot.values.at(0)).shape});
  }
  std::vector<int64_t> sizes = test::prime_sizes(p.extents.size());
  CHECK(workspace_bytes(s, sizes, 8) == 2 * 16 * 3 * 8);  // f = 3
}

TEST_CASE("sums down the columns alone also thread over chunks of rows") {
  const ir::Layer layer = test::parse_layer("layer affine {\n  y[b,f] := x[b,f] * gamma[f] + beta[f]\n}\n");
  const ir::Program p = test::derive(layer, ir::ProgramKind::pullback);
  Schedule s = make_schedule(p);
  CHECK(nests(s) == "[d_beta d_gamma d_x] row_chunks, partials: d_beta d_gamma\n");
  CHECK(s.slots.size() == 2);
}

TEST_CASE("a kernel that reads nothing of a nest moves before it, so the kernel after it joins") {
  // d_Ay[i] := d_s * x[i] comes between the matrix-vector products Ay and d_y, which then
  // share one pass over A with d_A.
  const ir::Program p = test::derive(bilinear_form(), ir::ProgramKind::pullback);
  Schedule s = make_schedule(p);
  CHECK(test::kernels(s) == "d_Ay\nAy gemm\nd_y gemm\nd_A\nd_x\n");
  CHECK(nests(s) == "[Ay d_y d_A] row_chunks, partials: d_y\n");
}

TEST_CASE("a kernel that reads a result of a nest moves after it, so the kernel after it joins") {
  // Between the matrix-vector products Ay and %9 = A*t_y, which both read A, come
  // s := x[i] * Ay[i] and %8 = t_A*y. s reads the nest, so it moves after it; %8 reads
  // nothing of it, so it moves before. %11 = t_x*Ay reads the nest too, and t_s reads s.
  const ir::Program p = test::derive(bilinear_form(), ir::ProgramKind::pushforward);
  Schedule s = make_schedule(p);
  CHECK(nests(s) == "[Ay %9] outer\n");
  CHECK(test::kernels(s) == "%8 gemm\nAy gemm\n%9 gemm\ns gemm\n%11 gemm\n%12 gemm > t_s\n");
}

TEST_CASE("a kernel joins past others only when it reads a matrix the nest reads") {
  // The chain's pushforward: Bx := B*x, then %8 = t_B*x, which shares only the vector x
  // with it, then %9 = B*t_x (with its epilogue t_Bx), which shares B. %8 moves before the
  // nest and stays a matrix-vector product of its own.
  const ir::Layer chain =
      test::parse_layer("layer chain {\n  y[i] := A[i,j] * B[j,k] * x[k]\n}\n");
  const ir::Program p = test::derive(chain, ir::ProgramKind::pushforward);
  Schedule s = make_schedule(p);
  CHECK(nests(s) == "[Bx t_Bx] outer\n[y %11] outer\n");
  CHECK(test::kernels(s).rfind("%8 gemm\nBx gemm\n%9 gemm > t_Bx\n", 0) == 0);
}

TEST_CASE("sums along the rows alone thread over rows") {
  const ir::Program p = test::derive(bilinear_form(), ir::ProgramKind::pushforward);
  Schedule s = make_schedule(p);
  CHECK(nests(s).find("] outer\n") != std::string::npos);
  for (const Slot& slot : s.slots) CHECK(slot.copies == 1);
}

TEST_CASE("matrix products and library calls keep nests of their own") {
  const ir::Layer dense = test::parse_layer("layer dense {\n  y[b,o] := tanh(W[o,i] * x[b,i] + bias[o])\n}\n");
  for (ir::ProgramKind kind : test::kPrograms) {
    const ir::Program p = test::derive(dense, kind);
    Schedule s = make_schedule(p);
    for (const SharedNest& nest : s.nests) {
      for (std::size_t k = nest.first; k < nest.end; ++k) {
        const Kernel& kernel = s.kernels[k];
        CHECK(!(kernel.gemm && !kernel.gemm->m.empty() && !kernel.gemm->n.empty()));
      }
    }
  }
  const ir::Layer sines = test::parse_layer("layer s {\n  y[b,f] := sin(x[b,f]) * g[f]\n}\n");
  const ir::Program sines_pullback = test::derive(sines, ir::ProgramKind::pullback);
  Schedule s = make_schedule(sines_pullback);
  for (const SharedNest& nest : s.nests) {
    for (std::size_t k = nest.first; k < nest.end; ++k) {
      CHECK(!ir::is_library_call(sines_pullback.at(s.kernels[k].value)));
      for (ir::ValueId e : s.kernels[k].epilogue) CHECK(!ir::is_library_call(sines_pullback.at(e)));
    }
  }
}

TEST_CASE("without share_nests no kernels share a nest and none moves") {
  const ir::Program p = test::derive(bilinear_form(), ir::ProgramKind::pullback);
  ScheduleOptions options;
  options.share_nests = false;
  Schedule s = make_schedule(p, options);
  CHECK(s.nests.empty());
  CHECK(test::kernels(s) == "Ay gemm\nd_Ay\nd_y gemm\nd_A\nd_x\n");
}

}  // namespace
}  // namespace ricci::schedule

// Invariants of the schedules of random layers, all four programs, -O0 and -O1, fused or not,
// inlining or not: a valid execution order, fused values read only inside their chain, inlined
// values elementwise and read only where a loop computes them, no slot shared by two live
// values, and Gemm strides that address the dense tensors.
#include "ir/ir_api.h"
#include "random/layer_generator.h"
#include "schedule_test.h"

namespace ricci::schedule {
namespace {

std::size_t index(ir::ValueId v) { return static_cast<std::size_t>(v); }

bool is_inlined(const Schedule& s, ir::ValueId v) { return s.homes[index(v)].kind == Home::Kind::inlined; }

// The stored values reading `v` reads, through inlined values.
std::vector<ir::ValueId> stored_reads(const Schedule& s, ir::ValueId v) {
  std::vector<ir::ValueId> out;
  for (ir::ValueId r : ir::operands(s.program->at(v).op)) {
    if (!is_inlined(s, r)) {
      out.push_back(r);
      continue;
    }
    for (ir::ValueId deeper : stored_reads(s, r)) out.push_back(deeper);
  }
  return out;
}

// An inlined value: elementwise, kept by no output, not a scalar, and read only by inlined
// values or by kernels that are loop nests (no GEMM reads it from memory).
void check_inlined(const Schedule& s, ir::ValueId v) {
  const ir::Program& p = *s.program;
  const ir::Value& value = p.at(v);
  CHECK(!value.shape.empty());
  for (const ir::Result& r : p.outputs) CHECK(r.value != v);
  if (const auto* c = std::get_if<ir::Contract>(&value.op)) {
    CHECK(c->out.size() == c->labels.size());
  } else {
    CHECK((std::holds_alternative<ir::Map>(value.op) || std::holds_alternative<ir::Add>(value.op)));
  }
  for (const Kernel& k : s.kernels) {
    std::vector<ir::ValueId> r = ir::operands(p.at(k.value).op);
    if (std::find(r.begin(), r.end(), v) != r.end()) CHECK(!(k.gemm && is_matrix_product(*k.gemm)));
  }
}

void check_schedule(const Schedule& s) {
  const ir::Program& p = *s.program;
  const std::size_t none = static_cast<std::size_t>(-1);
  // Each value's kernel position, and its place in that kernel's chain.
  std::vector<std::size_t> kernel_of(p.values.size(), none);
  std::vector<std::size_t> last_read(p.values.size(), none);
  for (std::size_t pos = 0; pos < s.kernels.size(); ++pos) {
    const Kernel& k = s.kernels[pos];
    std::vector<ir::ValueId> chain = {k.value};
    chain.insert(chain.end(), k.epilogue.begin(), k.epilogue.end());
    for (std::size_t step = 0; step < chain.size(); ++step) {
      ir::ValueId v = chain[step];
      REQUIRE(kernel_of[index(v)] == none);  // computed once
      kernel_of[index(v)] = pos;
      CHECK((s.homes[index(v)].kind == Home::Kind::fused) == (step + 1 < chain.size()));
      if (step > 0) CHECK(p.at(v).shape == p.at(k.value).shape);
      std::vector<ir::ValueId> direct = ir::operands(p.at(v).op);
      std::vector<ir::ValueId> through;
      for (ir::ValueId r : direct) {
        std::vector<ir::ValueId> more = is_inlined(s, r) ? stored_reads(s, r) : std::vector<ir::ValueId>{r};
        through.insert(through.end(), more.begin(), more.end());
      }
      for (ir::ValueId r : through) {
        bool earlier_step = std::find(chain.begin(), chain.begin() + static_cast<std::ptrdiff_t>(step), r) !=
                            chain.begin() + static_cast<std::ptrdiff_t>(step);
        bool input = std::holds_alternative<ir::Input>(p.at(r).op);
        CHECK((input || earlier_step || (kernel_of[index(r)] != none && kernel_of[index(r)] < pos)));
        if (!earlier_step) last_read[index(r)] = pos;
      }
    }
  }
  for (std::size_t v = 0; v < p.values.size(); ++v) {
    bool input = std::holds_alternative<ir::Input>(p.values[v].op);
    bool inlined = is_inlined(s, static_cast<ir::ValueId>(v));
    CHECK((kernel_of[v] == none) == (input || inlined));
    CHECK((s.homes[v].kind == Home::Kind::input) == input);
    if (inlined) check_inlined(s, static_cast<ir::ValueId>(v));
  }
  // A fused value is read by the next step of its chain only.
  for (const Kernel& k : s.kernels) {
    std::vector<ir::ValueId> chain = {k.value};
    chain.insert(chain.end(), k.epilogue.begin(), k.epilogue.end());
    for (std::size_t step = 0; step + 1 < chain.size(); ++step) {
      for (std::size_t v = 0; v < p.values.size(); ++v) {
        std::vector<ir::ValueId> r = ir::operands(p.values[v].op);
        if (std::find(r.begin(), r.end(), chain[step]) != r.end()) CHECK(v == index(chain[step + 1]));
      }
    }
  }
  for (std::size_t k = 0; k < p.outputs.size(); ++k) {
    const Home& h = s.homes[index(p.outputs[k].value)];
    bool copied = std::find(s.copied_outputs.begin(), s.copied_outputs.end(), k) != s.copied_outputs.end();
    CHECK(copied != (h.kind == Home::Kind::output && h.index == static_cast<int>(k)));
  }
  // Shared nests: in order, disjoint, two kernels or more over the same loops; partial sums
  // only in row-chunked nests, each in a slot of its own holding kNestChunks copies.
  std::vector<int> partial_slots;
  for (std::size_t n = 0; n < s.nests.size(); ++n) {
    const SharedNest& nest = s.nests[n];
    CHECK(nest.end >= nest.first + 2);
    CHECK(nest.end <= s.kernels.size());
    if (n > 0) CHECK(nest.first >= s.nests[n - 1].end);
    REQUIRE(nest.loops.size() == nest.end - nest.first);
    REQUIRE(nest.partials.size() == nest.loops.size());
    for (std::size_t m = 0; m < nest.loops.size(); ++m) {
      CHECK(nest.loops[m].extents == nest.loops.front().extents);
      CHECK(nest.loops[m].labels.size() == nest.loops[m].extents.size());
      if (nest.partials[m] < 0) continue;
      CHECK(nest.threads == SharedNest::Threads::row_chunks);
      CHECK(nest.loops[m].kind == NestLoops::Kind::accumulate);
      const Slot& slot = s.slots.at(static_cast<std::size_t>(nest.partials[m]));
      CHECK(slot.copies == kNestChunks);
      CHECK(slot.values == std::vector<ir::ValueId>{s.kernels[nest.first + m].result()});
      partial_slots.push_back(nest.partials[m]);
    }
    // Inside the nest no kernel reads a result of one before it (an accumulating kernel's
    // epilogue runs after the nest).
    for (std::size_t m = 1; m < nest.loops.size(); ++m) {
      const Kernel& k = s.kernels[nest.first + m];
      std::vector<ir::ValueId> chain{k.value};
      if (nest.loops[m].kind != NestLoops::Kind::accumulate) chain.insert(chain.end(), k.epilogue.begin(), k.epilogue.end());
      for (ir::ValueId v : chain) {
        for (ir::ValueId r : ir::operands(p.at(v).op)) {
          std::vector<ir::ValueId> reads = is_inlined(s, r) ? stored_reads(s, r) : std::vector<ir::ValueId>{r};
          for (ir::ValueId read : reads) {
            CHECK((kernel_of[index(read)] == none || kernel_of[index(read)] < nest.first ||
                   kernel_of[index(read)] >= nest.first + m || read == v));
          }
        }
      }
    }
  }
  // Slots: every stored value in its slot, lifetimes [writer, last reader] disjoint.
  for (std::size_t slot = 0; slot < s.slots.size(); ++slot) {
    if (std::find(partial_slots.begin(), partial_slots.end(), static_cast<int>(slot)) != partial_slots.end()) continue;
    CHECK(s.slots[slot].copies == 1);
    const std::vector<ir::ValueId>& values = s.slots[slot].values;
    for (std::size_t a = 0; a < values.size(); ++a) {
      ir::ValueId v = values[a];
      CHECK(s.homes[index(v)].kind == Home::Kind::workspace);
      CHECK(s.homes[index(v)].index == static_cast<int>(slot));
      Extents count = p.at(v).shape;
      std::sort(count.begin(), count.end());
      const std::vector<Extents>& counts = s.slots[slot].counts;
      CHECK(std::find(counts.begin(), counts.end(), count) != counts.end());
      for (std::size_t b = a + 1; b < values.size(); ++b) {
        ir::ValueId w = values[b];
        std::size_t v_end = std::max(kernel_of[index(v)], last_read[index(v)] == none ? 0 : last_read[index(v)]);
        std::size_t w_end = std::max(kernel_of[index(w)], last_read[index(w)] == none ? 0 : last_read[index(w)]);
        CHECK((v_end < kernel_of[index(w)] || w_end < kernel_of[index(v)]));
      }
    }
  }
  std::size_t stored = 0;
  for (std::size_t v = 0; v < p.values.size(); ++v) {
    if (s.homes[v].kind == Home::Kind::workspace) {
      ++stored;
      CHECK(kernel_of[v] != none);
    }
  }
  std::size_t slotted = 0;
  for (const Slot& slot : s.slots) slotted += slot.copies == 1 ? slot.values.size() : 0;
  CHECK(stored == slotted);
  // Gemms: strides that address the dense tensors, and the product they describe.
  std::vector<int64_t> sizes = test::prime_sizes(p.extents.size());
  for (const Kernel& k : s.kernels) {
    if (!k.gemm) continue;
    const auto& c = std::get<ir::Contract>(p.at(k.value).op);
    CHECK(k.gemm->a == c.operands.at(k.gemm->a_operand).value);
    CHECK(k.gemm->b == c.operands.at(1 - k.gemm->a_operand).value);
    test::check_dense_strides(c, *k.gemm, sizes);
    CHECK(test::gemm_error(c, *k.gemm, sizes) < 1e-9);
  }
}

TEST_CASE("schedules of random layers are valid") {
  ScheduleOptions loops;
  loops.gemm = false;
  loops.fuse = false;
  ScheduleOptions stored;
  stored.inline_elementwise = false;
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    std::string text = testing::random_layer("r", seed);
    ir::Layer layer = test::parse_layer(text);
    for (int level : {0, 1}) {
      for (ir::ProgramKind kind : test::kPrograms) {
        ir::Program p = test::derive(layer, kind, level);
        INFO("seed " << seed << ", -O" << level << ", " << ir::program_name(kind) << "\n" << text);
        check_schedule(make_schedule(p));
        check_schedule(make_schedule(p, loops));
        check_schedule(make_schedule(p, stored));
      }
    }
  }
}

}  // namespace
}  // namespace ricci::schedule

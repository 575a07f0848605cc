// Where values live: inputs and outputs in the caller's arrays, fused and inlined values
// nowhere, and every other value in a workspace slot shared with values whose lifetimes do not
// overlap.
#include <algorithm>

#include "schedule/detail.h"
#include "support/internal_error.h"

namespace ricci::schedule::detail {
namespace {

std::size_t index(ir::ValueId id) { return static_cast<std::size_t>(id); }

void assign_api_homes(Schedule& s, const std::vector<bool>& inlined) {
  const ir::Program& p = *s.program;
  for (std::size_t id = 0; id < p.values.size(); ++id) {
    if (inlined[id]) s.homes[id].kind = Home::Kind::inlined;
  }
  for (std::size_t k = 0; k < p.inputs.size(); ++k) s.homes[index(p.inputs[k])] = {Home::Kind::input, static_cast<int>(k)};
  for (const Kernel& kernel : s.kernels) {
    if (kernel.epilogue.empty()) continue;
    s.homes[index(kernel.value)].kind = Home::Kind::fused;
    for (std::size_t e = 0; e + 1 < kernel.epilogue.size(); ++e) s.homes[index(kernel.epilogue[e])].kind = Home::Kind::fused;
  }
  for (std::size_t k = 0; k < p.outputs.size(); ++k) {
    Home& home = s.homes[index(p.outputs[k].value)];
    RICCI_CHECK(home.kind != Home::Kind::fused && home.kind != Home::Kind::inlined, "an output was fused away");
    if (home.kind == Home::Kind::input || home.kind == Home::Kind::output) {
      s.copied_outputs.push_back(k);
    } else {
      home = {Home::Kind::output, static_cast<int>(k)};
    }
  }
}

// The element count of `v` as a canonical (sorted) product of extents.
Extents count_of(const ir::Value& v) {
  Extents e = v.shape;
  std::sort(e.begin(), e.end());
  return e;
}

}  // namespace

void place_values(Schedule& s, const std::vector<bool>& inlined) {
  const ir::Program& p = *s.program;
  s.homes.assign(p.values.size(), Home{});
  assign_api_homes(s, inlined);

  // Each stored value's last reader, by position in execution order (its writer if unread). A
  // shared nest reads and writes until its last kernel: none of its values frees a slot early.
  std::vector<std::size_t> last_read(p.values.size(), 0);
  auto nest = s.nests.begin();
  for (std::size_t pos = 0; pos < s.kernels.size(); ++pos) {
    if (nest != s.nests.end() && pos >= nest->end) ++nest;
    const std::size_t until = nest != s.nests.end() && pos >= nest->first ? nest->end - 1 : pos;
    last_read[index(s.kernels[pos].result())] = until;
    for (ir::ValueId r : kernel_reads(p, s.kernels[pos], inlined)) last_read[index(r)] = until;
  }

  // Greedy in execution order: a slot is free once its last value's last reader has run
  // before the writing kernel. A free slot already sized for the same count is preferred, then
  // the first free slot, then a new one.
  std::vector<std::size_t> busy_until;  // per slot: last_read of its latest value
  for (std::size_t pos = 0; pos < s.kernels.size(); ++pos) {
    ir::ValueId v = s.kernels[pos].result();
    Home& home = s.homes[index(v)];
    if (home.kind != Home::Kind::workspace) continue;
    Extents count = count_of(p.at(v));
    std::optional<std::size_t> chosen;
    for (std::size_t slot = 0; slot < s.slots.size(); ++slot) {
      if (busy_until[slot] >= pos) continue;
      const std::vector<Extents>& counts = s.slots[slot].counts;
      bool same = std::find(counts.begin(), counts.end(), count) != counts.end();
      if (same) {
        chosen = slot;
        break;
      }
      if (!chosen) chosen = slot;
    }
    if (!chosen) {
      chosen = s.slots.size();
      s.slots.emplace_back();
      busy_until.push_back(0);
    }
    Slot& slot = s.slots[*chosen];
    slot.values.push_back(v);
    if (std::find(slot.counts.begin(), slot.counts.end(), count) == slot.counts.end()) slot.counts.push_back(count);
    busy_until[*chosen] = last_read[index(v)];
    home.index = static_cast<int>(*chosen);
  }

  // Partial sums get slots of their own: one copy of the result per chunk of rows.
  for (SharedNest& nest : s.nests) {
    for (std::size_t m = 0; m < nest.partials.size(); ++m) {
      if (nest.partials[m] < 0) continue;
      ir::ValueId v = s.kernels[nest.first + m].result();
      nest.partials[m] = static_cast<int>(s.slots.size());
      s.slots.push_back(Slot{{v}, {count_of(p.at(v))}, kNestChunks});
    }
  }
}

}  // namespace ricci::schedule::detail

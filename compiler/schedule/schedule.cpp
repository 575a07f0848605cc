// make_schedule runs the planning steps in order; workspace_bytes evaluates the slot sizes.
#include "schedule/schedule.h"

#include <algorithm>

#include "schedule/detail.h"
#include "support/internal_error.h"

namespace ricci::schedule {

Schedule make_schedule(const ir::Program& program, const ScheduleOptions& options) {
  Schedule s;
  s.program = &program;
  std::vector<bool> inlined = detail::inlined_values(program, options);
  s.kernels = detail::plan_kernels(program, options, inlined);
  if (options.share_nests) detail::plan_nests(s, inlined);
  detail::place_values(s, inlined);
  return s;
}

std::size_t workspace_bytes(const Schedule& s, const std::vector<int64_t>& extent_sizes, std::size_t elem_bytes) {
  std::size_t total = 0;
  for (const Slot& slot : s.slots) {
    std::size_t elements = 0;
    for (const Extents& count : slot.counts) {
      std::size_t n = 1;
      for (ir::ExtentId e : count) {
        int64_t size = extent_sizes.at(static_cast<std::size_t>(e));
        RICCI_CHECK(size >= 0, "a negative extent size");
        n *= static_cast<std::size_t>(size);
      }
      elements = std::max(elements, n);
    }
    elements *= slot.copies;
    total += (elements * elem_bytes + kSlotAlign - 1) / kSlotAlign * kSlotAlign;
  }
  return total;
}

}  // namespace ricci::schedule

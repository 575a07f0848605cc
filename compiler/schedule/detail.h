// Helpers shared by the schedule's files (not part of its interface).
#pragma once

#include <vector>

#include "schedule/schedule.h"

namespace ricci::schedule::detail {

// The values `k` reads from outside its own chain (its value and epilogue).
std::vector<ir::ValueId> kernel_reads(const ir::Program& p, const Kernel& k);

// The kernels of `p` in a valid execution order, with Gemms matched and elementwise values
// fused into their producers as `options` allow (fusion.cpp).
std::vector<Kernel> plan_kernels(const ir::Program& p, const ScheduleOptions& options);

// Fills the homes, slots and copied outputs of `s`, whose kernels are planned (buffers.cpp).
void place_values(Schedule& s);

}  // namespace ricci::schedule::detail

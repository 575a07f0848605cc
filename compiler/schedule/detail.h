// Helpers shared by the schedule's files (not part of its interface).
#pragma once

#include <vector>

#include "schedule/schedule.h"

namespace ricci::schedule::detail {

// Per value: true when it is computed inline where it is read (inlining.cpp).
std::vector<bool> inlined_values(const ir::Program& p, const ScheduleOptions& options);

// The stored values `k` reads from outside its own chain (its value and epilogue), looking
// through inlined values to what they read.
std::vector<ir::ValueId> kernel_reads(const ir::Program& p, const Kernel& k, const std::vector<bool>& inlined);

// The kernels of `p` in a valid execution order, with Gemms matched and elementwise values
// fused into their producers as `options` allow; none for inlined values (fusion.cpp).
std::vector<Kernel> plan_kernels(const ir::Program& p, const ScheduleOptions& options,
                                 const std::vector<bool>& inlined);

// Groups consecutive kernels of `s` into shared nests, moving kernels before or after a nest
// where that lets a later kernel join it (nests.cpp).
void plan_nests(Schedule& s, const std::vector<bool>& inlined);

// Fills the homes, slots and copied outputs of `s`, whose kernels are planned (buffers.cpp).
void place_values(Schedule& s, const std::vector<bool>& inlined);

}  // namespace ricci::schedule::detail

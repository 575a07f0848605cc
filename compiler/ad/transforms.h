// The program transforms behind ad::differentiate, usable on any IR program.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ir/ir.h"

namespace ricci::ad {

// The pullback of `p` with respect to its inputs named in `wrt`: inputs are one seed per
// output of `p` (named `seeds[k]`, shaped like output k), then the inputs of `p`; outputs
// are `prefix + name` for each name in `wrt`, in that order (zero where no output depends
// on it). Only values that depend on some `wrt` input carry cotangents.
ir::Program reverse(const ir::Program& p, const std::vector<std::string>& wrt,
                    const std::vector<std::string>& seeds, std::string_view prefix,
                    ir::ProgramKind kind);

// (d_X... | d_Y..., X...): reverse(layer.evaluate) for layer.grad_inputs.
ir::Program pullback(const ir::Layer& layer);

// (Y..., t_Y... | X..., t_X...): values and tangents for a tangent on every input.
ir::Program pushforward(const ir::Program& p);

// (g_d_Y..., g_X... | dd_X..., d_Y..., X...): the reverse of the pullback program with
// respect to d_Y and the grad inputs, for a cotangent dd_X on each of its outputs d_X.
ir::Program pullback2(const ir::Layer& layer);

}  // namespace ricci::ad

// Symbolic differentiation: IR-to-IR transforms deriving a layer's derivative programs.
#pragma once

#include "ir/ir.h"

namespace ricci::ad {

// The program of `kind` for `layer` (evaluate returns layer.evaluate). Interfaces, named as
// in DESIGN.md, with inputs and outputs in API order:
//   pullback    (d_X... | d_Y..., X...)                    cotangents for layer.grad_inputs
//   pushforward (Y..., t_Y... | X..., t_X...)              tangents of every input
//   pullback2   (g_d_Y..., g_X... | dd_X..., d_Y..., X...)  reverse over reverse
ir::Program differentiate(const ir::Layer& layer, ir::ProgramKind kind);

}  // namespace ricci::ad

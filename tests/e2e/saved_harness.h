// The source of a program that includes a spec's generated header and checks, for every
// layer in float and double, the saved-intermediates form: evaluate, pullback and pullback2
// given a Saved give the recomputing form's results, and their in-place forms allocate
// nothing, the workspace peaking at <program>_workspace_bytes(..., saved).
#pragma once

#include <string>

#include "ir/ir.h"

std::string saved_harness(const ricci::ir::Module& module, const std::string& stem);

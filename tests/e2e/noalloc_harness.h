// The source of a program that includes a spec's generated header and checks, for every
// program of every layer in float and double, that the in-place form given a workspace
// reserved with <program>_workspace_bytes allocates nothing and peaks at exactly that.
#pragma once

#include <string>

#include "ir/ir.h"

std::string noalloc_harness(const ricci::ir::Module& module, const std::string& stem);

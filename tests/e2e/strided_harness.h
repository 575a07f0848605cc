// The source of a program that includes a spec's generated header and checks, for every
// layer's programs in float and double, that the in-place form called on padded column-major
// views (strided_form.h) gives the allocating form's results and writes nothing else.
#pragma once

#include <string>

#include "ir/ir.h"

std::string strided_harness(const ricci::ir::Module& module, const std::string& stem);

// The source of a program that includes a spec's generated header and checks, for every
// layer's programs in float and double, that the allocating form gives the same bits on one
// thread and on two (threads_form.h), on inputs with rows enough for several chunks: partial
// sums go by chunks fixed by the sizes alone.
#pragma once

#include <string>

#include "ir/ir.h"

std::string threads_harness(const ricci::ir::Module& module, const std::string& stem);

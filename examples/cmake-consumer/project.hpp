// A layer declared in a C++ header: ricci_add_layers(... HEADERS project.hpp) runs `ricci scan`
// on it, which writes project.cpp with the definition of consumer::project and its derivatives.
#pragma once

#include <ricci/layer.h>
#include <ricci/view.h>

// CMakeLists.txt defines this for the consumer; the scan must see the target's definitions.
#ifndef CONSUMER_SCAN
#error "CONSUMER_SCAN is not defined: ricci scan did not get the target's compile definitions"
#endif

namespace consumer {

RICCI_LAYER("y[b,o] := W[o,i] * x[b,i]")
void project(ricci::Ref<double, 2> y, ricci::CRef<double, 2> W, ricci::CRef<double, 2> x);

}  // namespace consumer

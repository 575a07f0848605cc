// A header Clang rejects: nothing is generated and Clang's own diagnostics are shown.
#pragma once

#include <ricci/layer.h>
#include <ricci/view.h>

RICCI_LAYER("y[i] := x[i]")
void copy(ricci::Ref<float, 1> y, ricci::CRef<flaot, 1> x);

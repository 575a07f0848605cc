// An output taken as a read-only view, and an input as a writable one.
#pragma once

#include <ricci/layer.h>
#include <ricci/view.h>

RICCI_LAYER("y[i] := exp(x[i])")
void softplus_like(ricci::CRef<float, 1> y, ricci::Ref<float, 1> x);

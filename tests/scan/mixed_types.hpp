// One layer, two element types.
#pragma once

#include <ricci/layer.h>
#include <ricci/view.h>

RICCI_LAYER("s := x[i] * y[i]")
void dot(ricci::Ref<float, 0> s, ricci::CRef<float, 1> x, ricci::CRef<double, 1> y);

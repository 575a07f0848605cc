// `x` is a vector in the spec but a matrix here.
#pragma once

#include <ricci/layer.h>
#include <ricci/view.h>

RICCI_LAYER("y[i] := W[i,j] * x[j]")
void matvec(ricci::Ref<double, 1> y, ricci::CRef<double, 2> W, ricci::CRef<double, 2> x);

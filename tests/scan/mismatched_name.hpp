// A parameter named unlike any tensor of the spec: the spec's `B` has no parameter.
#pragma once

#include <ricci/layer.h>
#include <ricci/view.h>

RICCI_LAYER("A[i,k] := B[i,j] * C[j,k]")
void matmul(ricci::Ref<float, 2> A, ricci::CRef<float, 2> Bt, ricci::CRef<float, 2> C);

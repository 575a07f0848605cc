// Errors in the spec point inside the string literal, through escapes and concatenation.
#pragma once

#include <ricci/layer.h>
#include <ricci/view.h>

RICCI_LAYER("A[i,k] := B[i,j] * C[j,q]")
void product(ricci::Ref<float, 2> A, ricci::CRef<float, 2> B, ricci::CRef<float, 2> C);

RICCI_LAYER("grad B\n"
            "A[i,k] := B[i,j] * * C[j,k]")
void broken(ricci::Ref<float, 2> A, ricci::CRef<float, 2> B, ricci::CRef<float, 2> C);

// RICCI_LAYER("spec"): marks a function declaration in a C++ header as a ricci layer.
//
//   RICCI_LAYER("A[i,k] := B[i,j] * C[j,k]")
//   void matmul(ricci::Ref<float, 2> A, ricci::CRef<float, 2> B, ricci::CRef<float, 2> C);
//
// `ricci scan` (docs/scan.md) finds such declarations through Clang, checks the parameters
// against the spec and writes the definition together with the derivative functions. The
// spec travels as the second argument of `clang::annotate` (Clang 12 and later), so the scan
// reads the string literal itself and reports spec errors inside it. Other compilers never
// need the annotation: for them the macro is empty and the declaration is an ordinary one.
#pragma once

#if defined(__clang__)
#define RICCI_LAYER(spec) [[clang::annotate("ricci.layer", spec)]]
#else
#define RICCI_LAYER(spec)
#endif

// Declarations ricci cannot define, and parameters that are not tensors of the layer.
#pragma once

#include <vector>

#include <ricci/layer.h>
#include <ricci/view.h>

struct Model {
  RICCI_LAYER("y[i] := x[i]")
  void member(ricci::Ref<float, 1> y, ricci::CRef<float, 1> x);
};

template <class T>
RICCI_LAYER("y[i] := x[i]")
void templated(ricci::Ref<T, 1> y, ricci::CRef<T, 1> x);

RICCI_LAYER("y[i] := x[i]")
inline void with_body(ricci::Ref<float, 1> y, ricci::CRef<float, 1> x) { y(0) = x(0); }

RICCI_LAYER("y[i] := x[i]")
int returns_int(ricci::Ref<float, 1> y, ricci::CRef<float, 1> x);

RICCI_LAYER("y[i] := x[i]")
static void internal(ricci::Ref<float, 1> y, ricci::CRef<float, 1> x);

RICCI_LAYER("y[i] := x[i] * s")
void odd_parameters(ricci::Ref<float, 1> y, const std::vector<float>& x, ricci::CRef<int, 0> s, int);

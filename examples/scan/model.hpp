// A model header as a C++ project keeps it: ordinary declarations next to two layers that
// `ricci scan` defines (`ricci scan examples/scan/model.hpp -o gen -- -Iruntime/include`).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <ricci/layer.h>
#include <ricci/view.h>

namespace model {

// Hand-written code the scan leaves alone.
struct Config {
  std::string name;
  std::vector<std::size_t> widths;
};

// TensorGrad's example: a matrix product scaled by the trace of D.
RICCI_LAYER("A[i,k] := B[i,j] * C[j,k] * D[l,l]")
void bilinear(ricci::Ref<float, 2> A, ricci::CRef<float, 2> B, ricci::CRef<float, 2> C,
              ricci::CRef<float, 2> D);

// A dense layer; the bias gets no cotangent.
RICCI_LAYER("grad W, x; y[b,o] := tanh(W[o,i] * x[b,i] + bias[o])")
void dense(ricci::Ref<double, 2> y, ricci::CRef<double, 2> W, ricci::CRef<double, 2> x,
           ricci::CRef<double, 1> bias);

}  // namespace model

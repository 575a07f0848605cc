// Pieces of generated CUDA expressions and of the math comments above each kernel.
#pragma once

#include <string>
#include <vector>

#include "cuda/program.h"
#include "ir/ir.h"

namespace ricci::cuda {

// `B[i,j]`-style comment line of a value in the input notation, named as in `p.names`:
//   `A[i,k] := 2 * B[i,j] * C[j,k]`, `y[b,o] := tanh(h[b,o])`, `h[b,o] := W_x[b,o] + bias[o]`.
std::string math_line(const CudaProgram& p, ir::ValueId id);

// The row-major offset of element (vars...) of a tensor with `extents` (the extent variables
// of its axes), by Horner's rule: `(i * n_j + j) * n_k + k`; `0` at rank 0.
std::string row_major_offset(const std::vector<std::string>& vars, const std::vector<std::string>& extents);

// `std::tanh(x)`, `ricci::sigmoid(x)`, `ricci::powi(x, 3)`: an elementwise function applied
// to the device expression `arg`.
std::string device_call(const ir::Map& m, const std::string& arg);

}  // namespace ricci::cuda

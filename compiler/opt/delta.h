// Kronecker-delta contraction: a product that reads a diagonal write reads what was written.
#pragma once

#include "ir/builder.h"

namespace ricci::opt {

// `c` (whose operands are values of `b`) with every operand that is a diagonal write (a
// Contract whose result repeats a label, zero off its diagonal: the cotangent of a diagonal
// read) replaced by that Contract's own operands, the labels of its repeated axes identified:
//   d_t[i,i] := d_s,  g[i] := d_t[i,j] * y[j]   gives   g[i] := d_s * y[i]
// so the zeros are never formed and the product loses a label. Returns `c` unchanged when
// it reads no diagonal write.
ir::Contract contract_deltas(const ir::Builder& b, ir::Contract c);

}  // namespace ricci::opt

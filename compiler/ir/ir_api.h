// Printing and verification of IR programs.
#pragma once

#include <string>
#include <vector>

#include "ir/ir.h"

namespace ricci::ir {

// The spelling of `fn` in the input language and in dumps: `exp`, ..., `step`, `sign`, `powi`.
const char* fn_name(Fn fn);

// The structural identity of a non-Input op: equal keys mean the same tensor. Contract labels
// are renumbered by first appearance (operands, then out, then unused) and their names
// dropped; coefficients are compared by their exact bits; operand order counts.
std::string structural_key(const Op& op);

// The values `op` reads, in operand order (an Input none; a Contract may read one value twice).
std::vector<ValueId> operands(const Op& op);

// True when a contraction writes a diagonal: a label repeated in its output (`d_D[l,l]`).
bool writes_diagonal(const Contract& c);

// Computed element by element from its operands, each operand element read at most once: a
// Map, an Add, or a Contract that sums nothing and writes no diagonal (a product, broadcast
// or scale).
bool is_pointwise(const Value& v);

// Pointwise and a few instructions per element: an Add, a Contract, or a Map by relu, step,
// sign, abs, square or powi (not the transcendentals nor sqrt). Cheaper to compute again from
// its operands than to store and read back.
bool is_cheap_pointwise(const Value& v);

// A Map by sqrt, sin or cos: in C++ a library call (std::sqrt for errno), so a loop computing
// one does not vectorize, nor then anything else computed in that loop.
bool is_library_call(const Value& v);

// A name for a value the spec left unnamed, from what it computes and `names` (the names of
// the values before it; an empty one reads as `tmp`): `W_x` for a product, `sum_D` for a
// reduction, `bias_bo` for a broadcast or transpose, `tanh_h`, `x_inv`, `a_plus_b`; `tmp`
// when that would be long.
std::string derived_name(const Value& v, const std::vector<std::string>& names);

// The spelling of each label of `c`: its name (its extent's if empty), with primes added
// to later labels whose spelling is taken (`l`, `l'`).
std::vector<std::string> label_spellings(const Contract& c, const std::vector<Extent>& extents);

// The spelling of each axis of `shape`: its extent's name, primed where repeated (`n`, `n'`).
std::vector<std::string> axis_spellings(const Shape& shape, const std::vector<Extent>& extents);

// `name[a,b]`, or `name` for no axes.
std::string format_access(const std::string& name, const std::vector<std::string>& axes);

// Deterministic SSA dump for `--emit=ir` and goldens (docs/ir.md has the format), e.g.
//   layer mlp evaluate
//   extents b=256 i=512 o=512
//   %0 W = input [o,i]
//   %1 x = input [b,i]
//   %2 = contract 1 * %0[o,i] %1[b,i] -> [b,o]
//   %3 y = map tanh %2
//   output y = %3
std::string print_ir(const Program& p);

// The program in the input notation, one statement per value, e.g.
//   dB[i,j] := dA[i,k] * C[j,k] * trD
std::string print_math(const Program& p);

// Throws InternalError (RICCI_CHECK) on any broken invariant: SSA order, ranks, label
// extents against operand shapes, output labels, Add shapes, inputs listed.
void verify(const Program& p);

}  // namespace ricci::ir

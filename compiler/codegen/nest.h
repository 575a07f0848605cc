// The kernels of a schedule as C++: loop nests, GEMM calls and their fused epilogues.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "codegen/api.h"
#include "codegen/names.h"
#include "codegen/printer.h"
#include "ir/ir.h"
#include "schedule/schedule.h"

namespace ricci::codegen {

// What a kernel needs to know about the function it is in.
struct Body {
  const ProgramApi& api;
  const schedule::Schedule& schedule;
  NameTable& names;  // the function scope; nests claim in a NameTable::Scope
  // Per ValueId: the view holding it, or for a fused value the local `const T` that holds one
  // element of it inside its kernel's loops; for an inlined value, the name of its local in
  // each kernel that reads it.
  std::vector<std::string> storage;
  std::vector<std::string> extent_vars;  // per ExtentId: `n_i` (empty when not declared)
  std::vector<std::string> slot_vars;    // per workspace slot: the `T*` to its elements
  // The inlined values declared as locals in the block being printed, by value and the
  // variables of its axes there (one kernel may read a value at two places, `v[i,j] * v[j,i]`).
  std::map<std::pair<ir::ValueId, std::vector<std::string>>, std::string> inline_locals;

  bool fused(ir::ValueId v) const;
  bool inlined(ir::ValueId v) const;
  // True when `v` is a parameter of the function: a strided view of unknown layout.
  bool is_param(ir::ValueId v) const;
  const std::string& extent_var(ir::ExtentId e) const;
};

// An inlined value read at the variables of its axes.
struct InlineRead {
  ir::ValueId value = 0;
  std::vector<std::string> vars;
  bool operator==(const InlineRead&) const = default;
};

// The inlined values that computing `id` at `vars` reads, each after the inlined values it
// reads itself, each (value, vars) once. `vars` are a Contract's label variables, else the
// axes of `id`'s shape.
std::vector<InlineRead> inline_reads(const Body& body, ir::ValueId id, const std::vector<std::string>& vars);
// The stored values (views) that computing `id` at `vars` reads, directly or through the
// inlined values it computes, each with the variables it is read at, each pair once.
std::vector<InlineRead> stored_reads(const Body& body, ir::ValueId id, const std::vector<std::string>& vars);
// The variables to compute an inline read at (as inline_reads and math_line take them): an
// inlined Contract's label variables, each label being one of its axes; else `r.vars`.
std::vector<std::string> inline_label_vars(const Body& body, const InlineRead& r);

// Declares the inline_reads of the values it is given as `const T` locals of the block being
// printed, skipping those already declared there, and forgets its own when it dies, which must
// be before that block closes.
class InlineLocals {
 public:
  InlineLocals(Printer& out, Body& body) : out_(out), body_(body) {}
  ~InlineLocals();
  InlineLocals(const InlineLocals&) = delete;
  InlineLocals& operator=(const InlineLocals&) = delete;
  void declare(ir::ValueId id, const std::vector<std::string>& vars);

 private:
  Printer& out_;
  Body& body_;
  std::vector<std::pair<ir::ValueId, std::vector<std::string>>> declared_;
};

// Each emitter prints the math of the kernel (one comment line per value it computes), then
// `prelude` (the declaration of the result's view, if it needs one), then the code that
// computes kernel.result() into body.storage of it.
void emit_nest(Printer& out, Body& body, const schedule::Kernel& kernel, std::string_view prelude);
// The kernels of `nest` as one loop nest (docs/schedule.md, "Shared loop nests"): each one's
// math, the `preludes` (per kernel), then one statement per kernel in the innermost loop,
// which computes the inlined values they read once; sums into locals are stored as their loops
// close, and after the nest come the epilogues of the kernels that add into their results and
// the sums of partial sums.
void emit_shared_nest(Printer& out, Body& body, const schedule::SharedNest& nest,
                      const std::vector<std::string>& preludes);
// A Gemm kernel: one ricci::gemm call, then a loop for the epilogue if there is one. Views
// passed by the caller may be strided: a group of several axes folds into one GEMM dimension
// only when the view is contiguous, so then the call is guarded and loops are the fallback.
void emit_gemm(Printer& out, Body& body, const schedule::Kernel& kernel, std::string_view prelude);

// Copies value `source` into the view `target` (an output that is an input, or a second
// output of one value).
void emit_copy(Printer& out, Body& body, const std::string& target, ir::ValueId source);

// `// h[b,o] := W[o,i] * x[b,i]`: value `id` in the spec's notation, its axes named `vars`.
std::string math_line(const Body& body, ir::ValueId id, const std::vector<std::string>& vars);

// Loop variables named after the labels of a contraction, or the axes' extents of a shape.
std::vector<std::string> label_vars(NameTable& names, const ir::Contract& c);
std::vector<std::string> axis_vars(NameTable& names, const Body& body, const ir::Shape& shape);

// The loops of a Contract kernel that store its value, without the epilogue, into the
// storage of kernel.result(): a guarded GEMM's fallback.
void emit_contract_loops(Printer& out, Body& body, const schedule::Kernel& kernel);

// The math comment of a Contract kernel: its value, then each epilogue step.
void print_kernel_math(Printer& out, const Body& body, const schedule::Kernel& kernel,
                       const std::vector<std::string>& label_vars);

// Prints the kernel's epilogue in a loop over the result's axes, reading the kernel's value
// from the result's storage where the producer left it (after a GEMM or an accumulation).
void emit_epilogue_loop(Printer& out, Body& body, const schedule::Kernel& kernel);

// The valid C++ literal for `x`, round-trip exact: `2.0`, `0.5`, `1e-08`.
std::string cpp_number(double x);

// `coeff * expr` in C++, the coefficient folded into the sign where it is +-1.
std::string scaled(double coeff, const std::string& expr);

}  // namespace ricci::codegen

// The backend-independent execution plan of one optimized program: which kernels run, in
// which order, which of them are (batched) matrix products for a GEMM library, which
// elementwise values are fused into the kernel that produces their operand or computed inline
// where they are read, which consecutive kernels share one loop nest, and where every
// intermediate lives in the workspace. The C++ and CUDA backends both emit from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "ir/ir.h"

namespace ricci::schedule {

// A product of extents: the element count of a tensor or group of axes. Empty = 1.
using Extents = std::vector<ir::ExtentId>;

// A pairwise contraction that is a batched matrix product after grouping labels:
//   C[batch.., m.., n..] = coeff * sum_k A[batch.., m.., k..] * B[batch.., k.., n..]
// in any axis order of A, B and C, as long as each group is consecutive in every tensor
// that holds it. Empty groups have extent 1. The batch labels are looped over (or passed
// as strides); each batch label may sit at any position in each tensor.
// Orientation: m is the group that comes first in C (an empty group counts as first; with
// both empty, A is operand 0), so that C's n stride is the smaller one.
struct Gemm {
  ir::ValueId a = 0;  // the operand holding the m labels
  ir::ValueId b = 0;  // the operand holding the n labels
  std::vector<ir::Label> batch, m, n, k;  // each in the order of the output (k: of A)
  double coeff = 1;
  std::size_t a_operand = 0;  // A's index in the Contract's operands (B is the other one);
                              // needed when A and B are the same value read two ways
};

// The runtime's GemmShape holds at most this many batch dimensions; a contraction with more
// batch labels is not classified as a Gemm.
constexpr std::size_t kMaxGemmBatch = 8;

// A Contract's Gemm, or nullopt when it is not one. Purely structural (sizes play no part):
// exactly two operands (possibly the same value); every label is batch (both operands and
// the result), m (A and the result), n (B and the result) or k (both operands, summed); no
// label repeated within a tensor; k not empty (with nothing summed it is an elementwise,
// broadcast or outer product, which a loop nest writes at memory speed);
// at most kMaxGemmBatch batch labels; and m, n, k each consecutive and in one order in every
// tensor holding it. Rejected, for example: a diagonal `A[i,i]`, a broadcast result label, a
// label summed within one operand, a label no tensor reads (a scale by its extent).
std::optional<Gemm> match_gemm(const ir::Contract& c);

// True when `group` sits in `tensor` as consecutive axes in the group's order, so that it
// folds into one dimension of a dense row-major array. Every label of `group` is in `tensor`.
bool consecutive(const std::vector<ir::Label>& tensor, const std::vector<ir::Label>& group);

// A Gemm without free groups (a dot product, possibly batched) is memory-bound: a loop nest is
// as fast as a library call and reads as what it is, so the C++ backend emits one, which may
// read inlined values.
inline bool is_matrix_product(const Gemm& g) { return !(g.m.empty() && g.n.empty()); }

// A Gemm's sizes and element strides in the dense row-major tensors A, B and C, each a
// product of extents (empty = 1), to fill the runtime's GemmShape field by field. A group's
// size is the product of its labels' extents and its stride in a tensor is the stride of its
// last label's axis there. An empty group has size 1 and, in each tensor that would hold it,
// the stride of the tensor's total size, as if it were an outermost axis of extent 1; this
// keeps every leading dimension valid for BLAS.
struct GemmStrides {
  struct Batch {
    Extents extent;  // the batch label's extent (one ExtentId)
    Extents a, b, c;  // its stride in A, B and C
  };
  Extents m, n, k;  // group sizes
  Extents a_m, a_k, b_k, b_n, c_m, c_n;
  std::vector<Batch> batch;  // one per batch label, in Gemm::batch order
};
GemmStrides gemm_strides(const ir::Contract& c, const Gemm& g);

// One kernel: computes `value` (a Contract, Map or Add of the program) and then, in the
// same pass over its result, the elementwise values in `epilogue` (Maps and Adds of the
// same shape whose other operands are already computed), each reading the previous one.
// Only the last of them is stored where the program keeps it; the others never exist.
struct Kernel {
  ir::ValueId value = 0;
  std::optional<Gemm> gemm;             // set when `value` runs as a GEMM
  std::vector<ir::ValueId> epilogue;    // fused elementwise values, in order
  ir::ValueId result() const { return epilogue.empty() ? value : epilogue.back(); }
};

// Where a value lives while the program runs. An output value is computed in place into the
// first output naming it; fused values (a kernel's value and epilogue steps before its last)
// are never stored, nor are inlined ones, which have no kernel: every kernel reading an inlined
// value computes the element it needs, from the value's operands, where it reads it.
struct Home {
  enum class Kind { input, output, workspace, fused, inlined } kind = Kind::workspace;
  int index = 0;  // input/output: position in the API; workspace: the slot
};

// Workspace slots: a slot is reused by values whose lifetimes do not overlap. A value lives
// from the kernel that writes it to the last kernel that reads it (inclusive, in execution
// order), so a kernel never writes the slot of a value it reads. A slot's size is the largest
// element count of its values, computed from the extents at run time.
struct Slot {
  std::vector<ir::ValueId> values;  // in execution order of their kernels
  // The distinct element counts of `values` (each a sorted product of extents): the slot
  // holds max over them elements, times `copies`. Backends print this.
  std::vector<Extents> counts;
  // A shared nest's partial sums (SharedNest::partials) hold one copy of their value per
  // chunk of rows; every other slot one.
  std::size_t copies = 1;
};

// How a kernel runs in a shared loop nest: its loops, each over a whole extent, and what its
// innermost statement does with the kernel's value.
struct NestLoops {
  std::vector<ir::ExtentId> extents;  // of the loops, outermost first
  std::vector<std::size_t> labels;    // a Contract's label at each loop (else the axis)
  enum class Kind {
    store,       // stores one element of its result (through the epilogue)
    accumulate,  // adds into its zeroed result (`d_beta(f) += ...`); epilogue after the nest
    reduce,      // sums into a local from loop `summed_from` on, stored when that loop closes
  } kind = Kind::store;
  std::size_t summed_from = 0;  // reduce: the depth of its first summed loop
};

// Row-chunked nests split their outermost loop into at most this many chunks, fixed by the
// sizes whatever the thread count, so their sums come out the same on any number of threads.
constexpr std::size_t kNestChunks = 16;

// Consecutive kernels that run in one loop nest (docs/schedule.md, "Shared loop nests").
struct SharedNest {
  std::size_t first = 0, end = 0;  // the kernels [first, end), two or more
  std::vector<NestLoops> loops;    // per kernel of the nest
  enum class Threads {
    outer,       // ricci::parallel_for over the outermost loop
    row_chunks,  // ricci::parallel_chunks over the outermost loop; partial sums per chunk
  } threads = Threads::outer;
  // Per kernel: the workspace slot of its partial sums, one copy per chunk, summed into its
  // result after the nest; -1 when it writes its result directly. Only with row_chunks, for the
  // kernels that accumulate over the outermost loop.
  std::vector<int> partials;
};

struct Schedule {
  const ir::Program* program = nullptr;
  std::vector<Kernel> kernels;  // in execution order
  std::vector<Home> homes;      // per ValueId
  std::vector<Slot> slots;
  // Outputs that are copied, after every kernel, from a value stored elsewhere (an input, or
  // the output that is the value's home), by position in program->outputs.
  std::vector<std::size_t> copied_outputs;
  // Consecutive kernels that run in one loop nest (ScheduleOptions::share_nests), in order.
  std::vector<SharedNest> nests;
};

struct ScheduleOptions {
  bool gemm = true;  // recognise GEMM-shaped contractions (off: every kernel is a loop nest)
  bool fuse = true;  // fuse elementwise values into their producer
  // Compute elementwise values inside the loops of the kernels reading them instead of storing
  // them (docs/schedule.md says which), for backends whose loop nests read them inline.
  bool inline_elementwise = true;
  // Let a backend run consecutive loop-nest kernels over the same loops in one nest, which
  // reads what they share once (the C++ backend: docs/schedule.md, "Shared loop nests").
  bool share_nests = true;
};

// The schedule of `program` (docs/schedule.md): one kernel per non-Input value in value
// order, except that an inlined value has none and a fused value joins its producer's kernel,
// which may then run later than its value's position (never before an operand). Deterministic. `program` must outlive it.
Schedule make_schedule(const ir::Program& program, const ScheduleOptions& options = {});
// A temporary program would leave the schedule pointing at nothing.
Schedule make_schedule(ir::Program&&, const ScheduleOptions& = {}) = delete;

// The bytes the program's workspace needs for element size `elem_bytes`, given each
// extent's size (indexed by ExtentId): the sum over slots of (max of its counts) * copies * elem_bytes,
// each rounded up to kSlotAlign bytes. The backends' contract: at function entry, one
// `ws.alloc<T>(max of counts * copies)` per slot, in slot order, and no other workspace request;
// ricci::Workspace rounds each request up to 64 bytes (0 elements: no bytes), so the function
// uses exactly this many bytes and a workspace reserved to it never allocates.
constexpr std::size_t kSlotAlign = 64;
std::size_t workspace_bytes(const Schedule& s, const std::vector<int64_t>& extent_sizes, std::size_t elem_bytes);

}  // namespace ricci::schedule

// The __global__ functions of one program, one per kernel of its schedule (two where an
// epilogue runs as its own pass), each with the math it computes in a comment above it.
#pragma once

#include <string>
#include <vector>

#include "codegen/printer.h"
#include "cuda/program.h"

namespace ricci::cuda {

// What the host passes to one printed kernel, in its parameter order: the target's
// pointer, the pointers it reads, the extents; and how many threads' worth of work it has.
struct Launch {
  std::string kernel;
  ir::ValueId target = 0;
  std::vector<ir::ValueId> reads;
  std::vector<ir::ExtentId> extents;
  std::vector<ir::ExtentId> work;  // one thread per element of this shape (empty: one)
  bool one_block = false;          // a block reduction: one block, whatever the work
};

// Prints the kernels of schedule kernel `k` (none for a cuBLAS product without epilogue):
// - a Map or Add: one thread per element, its fused epilogue in the same pass;
// - a contraction: one thread per output element with a sequential reduction, coalesced
//   along the output's last axis; a scalar result is one block reducing with warp shuffles;
//   a diagonal result is computed on its diagonal only (the host zero-fills it first);
// - an epilogue after cuBLAS or after a diagonal: one elementwise pass over the result.
// Returns their launches in execution order.
std::vector<Launch> emit_kernels(codegen::Printer& out, const CudaProgram& p, std::size_t k);

}  // namespace ricci::cuda

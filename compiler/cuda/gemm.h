// GEMM-matched contractions as cuBLAS strided batched products.
#pragma once

#include <optional>

#include "codegen/printer.h"
#include "cuda/program.h"
#include "schedule/schedule.h"

namespace ricci::cuda {

// The strides of the schedule's GEMM of kernel `k` when cuBLAS can run it for every size:
// each of the three matrices has a unit-stride group (its last axis) or an empty one, and no
// tensor reads or writes a diagonal. Otherwise nullopt, and the contraction runs as a
// generated kernel.
std::optional<schedule::GemmStrides> cublas_strides(const ir::Program& p, const schedule::Kernel& k);

// Prints the host code of kernel `k`'s product, whose strides `s` cublas_strides gave: one
// ricci::cuda::gemm call, inside host loops over the batch labels that cannot fold into
// cuBLAS's single batch stride.
void emit_gemm(codegen::Printer& out, const CudaProgram& p, const schedule::Kernel& k, const schedule::GemmStrides& s);

}  // namespace ricci::cuda

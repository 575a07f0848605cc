// The host side of a program: shape checks, the workspace layout, launches and cuBLAS calls.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "codegen/printer.h"
#include "cuda/kernel.h"
#include "cuda/program.h"

namespace ricci::cuda {

// `ricci::cuda::DeviceRef<T, 2> A`, `ricci::cuda::DeviceCRef<T, 2> B`, ... for element type
// `type`: outputs, then inputs; then `ricci::cuda::Workspace& ws, cudaStream_t stream` when
// `with_workspace`.
std::vector<std::string> device_params(const CudaProgram& p, std::string_view type, bool with_workspace);

// Prints `template <class T> void <impl>(outputs..., inputs..., ws, stream)`, which runs the
// schedule's kernels in order; `launches[k]` are the printed kernels of schedule kernel k.
void emit_impl(codegen::Printer& out, const CudaProgram& p, const std::vector<std::vector<Launch>>& launches);

// Prints `template <class T> std::size_t <workspace_impl>(outputs..., inputs...)`: the bytes
// the program's workspace needs for these shapes.
void emit_workspace_impl(codegen::Printer& out, const CudaProgram& p);

}  // namespace ricci::cuda

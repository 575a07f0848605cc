// One program as every CUDA file sees it: its API (shared with the C++ backend), its
// schedule, and the names the generated code gives its values, extents and kernels.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "codegen/api.h"
#include "codegen/codegen.h"
#include "codegen/names.h"
#include "schedule/schedule.h"

namespace ricci::cuda {

// How one kernel of the schedule runs: a cuBLAS call or a generated kernel (`body`), then,
// where its epilogue cannot be fused into that, an elementwise pass over its result in place
// (`epilogue`). An empty name means there is no such __global__ function.
struct KernelCode {
  // Set when cuBLAS runs the kernel's product: the strides that decided so, which the call passes.
  std::optional<schedule::GemmStrides> cublas;
  std::string body;
  std::string epilogue;
};

struct CudaProgram {
  codegen::ProgramApi api;  // api.schedule is the plan every kernel here comes from
  // Per ValueId: the API parameter (input, output), the workspace pointer, or the local a
  // fused value lives in inside its kernel. Kernel parameters reuse these names.
  std::vector<std::string> names;
  // Per ExtentId: `n_i`, for every extent the program uses.
  std::vector<std::string> extent_vars;
  // Per kernel of the schedule: the __global__ functions that run it.
  std::vector<KernelCode> kernels;
  // The stream parameter of the host functions (`stream` unless a tensor is named so).
  std::string stream;
  // The host function's scope: parameters, values and extents claimed. Kernels and GEMM loops
  // claim their own names in it for as long as they are printed (a NameTable::Scope), which
  // leaves it as it was; copying it per kernel instead made generation quadratic.
  mutable codegen::NameTable scope;
  // The internal templates the float and double overloads forward to: the program,
  // `evaluate_impl`, and its workspace size, `evaluate_workspace_bytes_impl`.
  std::string impl;
  std::string workspace_impl;

  const ir::Program& program() const { return *api.program; }
  const ir::Value& value(ir::ValueId id) const { return program().at(id); }
  const std::string& name(ir::ValueId id) const { return names.at(static_cast<std::size_t>(id)); }
  const std::string& extent_var(ir::ExtentId e) const { return extent_vars.at(static_cast<std::size_t>(e)); }
  const schedule::Schedule& schedule() const { return api.schedule; }
  const schedule::Home& home(ir::ValueId id) const { return schedule().homes.at(static_cast<std::size_t>(id)); }
};

struct CudaLayer {
  const codegen::LayerPrograms* layer = nullptr;
  std::string ns;  // the layer's C++ namespace
  std::vector<CudaProgram> programs;
};

// Schedules and names every program of `layer`. The __global__ functions and internal
// templates of all its programs share one anonymous namespace, and no name of any host
// scope may hide them, so they are claimed last, avoiding every name already taken.
CudaLayer make_layer(const codegen::LayerPrograms& layer, std::string ns);

// The host expression of the device pointer holding stored value `id`: `B.data()` for an
// input or output view, the workspace pointer's name otherwise.
std::string host_pointer(const CudaProgram& p, ir::ValueId id);

// The element count of `shape` as a C++ product of extent variables: `n_i * n_k`, or `1`.
std::string element_count(const CudaProgram& p, const ir::Shape& shape);

}  // namespace ricci::cuda

// The three kinds of generated CUDA file; emit_cuda.cpp assembles them.
#pragma once

#include <string>
#include <vector>

#include "codegen/codegen.h"
#include "cuda/program.h"

namespace ricci::cuda {

std::string emit_header(const std::vector<CudaLayer>& layers, const codegen::CppOptions& options);
std::string emit_source(const std::vector<CudaLayer>& layers, const codegen::CppOptions& options);
std::string emit_driver(const CudaLayer& layer, const codegen::CppOptions& options);

}  // namespace ricci::cuda

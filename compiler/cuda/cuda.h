// The CUDA backend: the same programs as the C++ backend, as CUDA C++ for the GPU, emitted
// from the same schedule (GEMM-shaped contractions through cuBLAS, the rest as kernels).
#pragma once

#include <vector>

#include "codegen/codegen.h"

namespace ricci::cuda {

// Returns <stem>.cuh and <stem>.cu and, with options.driver, one <layer>_driver.cu per
// layer. docs/cuda.md describes the emitted API. Byte-identical output for identical input.
std::vector<codegen::OutputFile> emit_cuda(const std::vector<codegen::LayerPrograms>& layers,
                                           const codegen::CppOptions& options);

}  // namespace ricci::cuda

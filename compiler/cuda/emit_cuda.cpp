// emit_cuda: schedules and names every program once, then prints the header, source and drivers.
#include <fmt/format.h>

#include <set>

#include "codegen/names.h"
#include "cuda/cuda.h"
#include "cuda/emit.h"
#include "support/cpp_names.h"
#include "support/internal_error.h"

namespace ricci::cuda {

std::vector<codegen::OutputFile> emit_cuda(const std::vector<codegen::LayerPrograms>& layers,
                                           const codegen::CppOptions& options) {
  RICCI_CHECK(!options.stem.empty(), "emit_cuda needs a file stem");
  std::vector<CudaLayer> cuda_layers;
  codegen::NameTable layer_names;
  for (const codegen::LayerPrograms& layer : layers) {
    // As in the C++ backend: sema rejects such a layer, whose namespace would clash at global scope.
    RICCI_CHECK(!is_c_library_global(layer.name),
                fmt::format("layer `{}` is spelled like a C library function", layer.name));
    std::set<ir::ProgramKind> kinds;
    for (const ir::Program& p : layer.programs) {
      RICCI_CHECK(kinds.insert(p.kind).second,
                  fmt::format("layer `{}` has two `{}` programs", layer.name, ir::program_name(p.kind)));
    }
    cuda_layers.push_back(make_layer(layer, layer_names.claim(layer.name)));
  }
  std::vector<codegen::OutputFile> files;
  files.push_back({options.stem + ".cuh", emit_header(cuda_layers, options)});
  files.push_back({options.stem + ".cu", emit_source(cuda_layers, options)});
  if (options.driver) {
    for (const CudaLayer& layer : cuda_layers) {
      files.push_back({layer.layer->name + "_driver.cu", emit_driver(layer, options)});
    }
  }
  return files;
}

}  // namespace ricci::cuda

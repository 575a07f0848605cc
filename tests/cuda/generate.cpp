// The front end through ricci::cli's pipeline, the backend through ricci::cuda::emit_cuda.
#include "generate.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/pipeline.h"
#include "cuda/cuda.h"

namespace ricci::cuda_test {

std::optional<ir::Module> analyze(const std::string& spec) {
  std::istringstream no_input;
  auto source = cli::read_spec(spec, no_input, std::cerr);
  if (!source) return std::nullopt;
  auto ast = cli::parse_spec(*source, std::cerr, false);
  if (!ast) return std::nullopt;
  return cli::analyze_spec(*source, *ast, std::cerr, false);
}

std::vector<std::filesystem::path> write_cuda(const ir::Module& module, const std::string& spec,
                                              const std::filesystem::path& dir) {
  codegen::CppOptions options;
  options.source_name = std::filesystem::path(spec).filename().string();
  options.stem = std::filesystem::path(spec).stem().string();
  options.driver = true;
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> sources;
  for (const codegen::OutputFile& f : cuda::emit_cuda(cli::derive_module(module), options)) {
    std::filesystem::path path = dir / f.name;
    std::ofstream(path, std::ios::binary) << f.contents;
    if (path.extension() == ".cu") sources.push_back(path);
  }
  return sources;
}

}  // namespace ricci::cuda_test
